// Uses the generated DFWorX types the way the web app does: every line must type-check.
import { createClient } from "@supabase/supabase-js"
import type { Database, Tables, TablesInsert, TablesUpdate, User, WebProfile } from "./database"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function users(): Promise<void> {
  const { data: listed } = await supabase.from("users").select("user_id, email, name, role").eq("is_active", true)
  const first: { user_id: string; email: string; name: string; role: string } | undefined = listed?.[0]
  const whole: User | null = (await supabase.from("users").select("*").eq("user_id", "u").single()).data
  const avatar: string | null | undefined = whole?.avatar_url
  const created: TablesInsert<"users"> = { organization_id: "o", email: "a@example.com", name: "A" }
  await supabase.from("users").insert(created)
  const change: TablesUpdate<"users"> = { name: "B", avatar_url: null }
  await supabase.from("users").update(change).eq("user_id", "u")
  console.log(first, avatar)
}

export async function posts(): Promise<void> {
  const web = supabase.schema("app_web")
  const { data: post } = await web.from("posts").select("post_id, title, status, metadata, content").single()
  const title: string | undefined = post?.title
  const content: string | null | undefined = post?.content
  await web.from("posts").insert({ organization_id: "o", user_id: "u", title: "T", metadata: { tags: ["a"] } })
  await web.from("posts").update({ status: "published", content: null }).eq("post_id", "p")
  const row: Tables<{ schema: "app_web" }, "posts"> | null = post ? null : null
  const profile: WebProfile | null = (await web.from("profiles").select("*").single()).data
  console.log(title, content, row, profile?.bio)
}

export async function feed(): Promise<string[]> {
  const { data } = await supabase.rpc("get_posts_with_users", { post_limit: 5 })
  const { data: defaults } = await supabase.rpc("get_posts_with_users")
  return [...(data ?? []), ...(defaults ?? [])].map((row) => `${row.title} by ${row.user_name} <${row.user_email}>`)
}

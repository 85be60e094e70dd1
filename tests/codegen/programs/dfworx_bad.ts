// Each marked line must fail to compile against the generated DFWorX types.
import { createClient } from "@supabase/supabase-js"
import type { Database } from "./database"

const supabase = createClient<Database>("http://localhost:54321", "anon-key")

export async function wrong(): Promise<void> {
  const { data } = await supabase.from("users").select("user_id, emial").single()
  const email: string | undefined = data?.emial // error: wrong column name
  await supabase.from("users").insert({ organization_id: "o", email: "a@example.com", name: 42 }) // error: wrong insert type
  await supabase.schema("app_web").from("posts").insert({ organization_id: "o", title: "T" }) // error: user_id missing
  await supabase.rpc("get_posts_with_users", { post_limit: "5" }) // error: wrong argument type
  console.log(email)
}

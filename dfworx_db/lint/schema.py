"""Schema rules: checks over one Catalog (declarations, a live database, or what a set of
migrations leaves behind), with the lookups they share built once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from ..catalog import Catalog, Index, Policy, QualifiedName, Table
from ..managed import MANAGED_SCHEMAS
from .expressions import ExpressionReader
from .findings import Finding, Rule

SchemaCheck = Callable[["SchemaContext"], None]
SCHEMA_CHECKS: list[SchemaCheck] = []
API_ROLES = ("anon", "authenticated")


def schema_check(check: SchemaCheck) -> SchemaCheck:
    SCHEMA_CHECKS.append(check)
    return check


@dataclass
class SchemaContext:
    catalog: Catalog
    expressions: ExpressionReader
    configured_exposed: tuple[str, ...] = ("public",)
    origin: str | None = None  # where an introspected Catalog came from (a redacted URL)
    findings: list[Finding] = field(default_factory=list)

    @cached_property
    def tables(self) -> dict[QualifiedName, Table]:
        return {t.name: t for t in self.catalog.tables}

    @cached_property
    def indexes(self) -> dict[QualifiedName, list[Index]]:
        found = defaultdict(list)
        for index in self.catalog.indexes:
            found[index.table].append(index)
        return found

    @cached_property
    def policies(self) -> dict[QualifiedName, list[Policy]]:
        found = defaultdict(list)
        for policy in self.catalog.policies:
            found[policy.table].append(policy)
        return found

    @cached_property
    def exposed(self) -> frozenset[str]:
        """Schemas the Data API serves: the configured ones (Supabase exposes `public`), and
        every schema on which anon or authenticated has USAGE."""
        granted = {g.target.schema for g in self.catalog.grants
                   if g.object_kind == "schema" and g.privilege == "usage" and g.grantee in API_ROLES}
        return frozenset({*self.configured_exposed, *granted} - MANAGED_SCHEMAS)

    def executable_by_api(self, name: QualifiedName) -> tuple[str, ...]:
        """The API roles (or PUBLIC) holding EXECUTE on a function."""
        return tuple(sorted({g.grantee for g in self.catalog.grants if g.object_kind == "function"
                             and g.target == name and g.privilege == "execute"
                             and g.grantee in (*API_ROLES, "public")}))

    def report(self, rule: Rule, message: str, obj: object, subject: str) -> None:
        location = getattr(obj, "source", None)
        self.findings.append(Finding(rule.id, rule.severity, message, location,
                                     subject=subject, hint=rule.fix))


def lint_catalog(context: SchemaContext) -> list[Finding]:
    from . import rules  # noqa: F401  (registers the checks)
    for check in SCHEMA_CHECKS:
        check(context)
    return context.findings

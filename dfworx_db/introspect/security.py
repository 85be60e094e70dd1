"""Policies and grants from the rows of queries/policies.sql and queries/grants.sql."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..catalog import Function, Grant, Policy, QualifiedName

Row = dict[str, Any]

POLICY_COMMANDS = {"*": "all", "r": "select", "a": "insert", "w": "update", "d": "delete"}


def build_policies(rows: Iterable[Row]) -> list[Policy]:
    return [Policy(name=r["name"], table=QualifiedName(r["table_schema"], r["table_name"]),
                   command=POLICY_COMMANDS[r["command"]], permissive=r["permissive"], roles=tuple(sorted(r["roles"])),
                   using=r["using_expression"], with_check=r["with_check"], comment=r["comment"])
            for r in rows]


def build_grants(rows: Iterable[Row], functions: Mapping[int, Function]) -> list[Grant]:
    """One Grant per object, column, grantee and privilege.

    A privilege granted by several grantors is one Grant, grantable if any grant is.
    A function's `arguments` are its Function's identity arguments, the form the loader
    and the renderer use, so grants and functions always match; grants on functions the
    Catalog leaves out (extension members, unsupported kinds) are left out with them."""
    grants: dict[tuple, bool] = {}
    for r in rows:
        arguments = None
        if r["object_kind"] == "function":
            function = functions.get(r["function_oid"])
            if function is None:
                continue
            arguments = function.identity_arguments
        key = (r["object_kind"], QualifiedName(r["schema"], r["name"]), r["privilege"], r["grantee"],
               r["column_name"], arguments)
        grants[key] = grants.get(key, False) or r["is_grantable"]
    return [Grant(object_kind=kind, target=target, privilege=privilege, grantee=grantee, column=column,
                  arguments=arguments, with_grant_option=grantable)
            for (kind, target, privilege, grantee, column, arguments), grantable in grants.items()]

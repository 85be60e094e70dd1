"""The catalog queries as sent to a server of each major version."""

from __future__ import annotations

from dfworx_db.introspect.inspector import KINDS, query_text


def test_since_blocks_are_kept_only_from_their_version():
    before, since = query_text("unsupported", 17), query_text("unsupported", 18)
    assert "conenforced" not in before and "conperiod" not in before and "attgenerated = 'v'" not in before
    assert "AND conenforced" in since and "WHERE NOT conenforced" in since and "WHERE conperiod" in since
    assert "attgenerated = 'v'" in since


def test_no_marker_is_sent():
    for kind in ("schemas", *KINDS):
        for version in (15, 18):
            assert "--@" not in query_text(kind, version), kind

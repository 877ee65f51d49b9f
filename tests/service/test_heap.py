"""While the app serves, what was alive at its start is frozen out of the garbage collector's
generations (service/app.py, ``_long_lived_heap``); a reload keeps it so, and the rules it
replaces can be collected."""

from __future__ import annotations

import gc
import weakref

from fastapi.testclient import TestClient

from placement_rules.service import ServiceSettings, create_app


def test_the_loaded_rules_are_frozen_while_serving_and_released_after() -> None:
    assert gc.get_freeze_count() == 0
    with TestClient(create_app()) as client:
        assert gc.get_freeze_count() > 0
        assert client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == 0


def test_a_reload_freezes_the_fresh_rules_and_lets_the_old_ones_go() -> None:
    app = create_app(settings=ServiceSettings(admin_reload=True))
    with TestClient(app) as client:
        old = weakref.ref(app.state.loaded.rule_sets)
        assert client.post("/v1/admin/reload").status_code == 200
        assert gc.get_freeze_count() > 0
        assert app.state.loaded.rule_sets is not old()
        # collected by the reload itself, not frozen again with the fresh ones
        assert old() is None
    assert gc.get_freeze_count() == 0

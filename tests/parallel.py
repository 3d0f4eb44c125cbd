"""pytest-xdist: whole files per worker, and the tests that must not overlap on one worker.

Loaded for the whole suite by the root conftest.py (`pytest_plugins`).

`make test` runs `-n auto --dist loadfile`: each worker (gw0, gw1…) has its own test
database, Elasticsearch index, media folder and Redis keys (cms/settings/test.py) and takes
whole test files, so module fixtures are built once. pytest-xdist honours `xdist_group`
marks only with `--dist loadgroup` (which spreads the other tests one by one, and whose
group suffix pytest 9 ignores: xdist 3.8 writes `item._nodeid`); here
`--dist loadfile` honours them too: the tests of one group go to one worker, as one unit,
handed out first (the group is the longest unit: started last, it would be the tail).

Grouped: the browser tests (`browser` mark: one Chromium at a time, whose timeouts a second
one on a 2-core machine would eat into) and the fault tests (processes killed, services cut
off: timing-sensitive), in one group so that they never run beside each other either.
"""

import pytest
from _pytest.nodeid import coerce_node_id

SERIAL_GROUP = "browser-and-faults"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Put the browser tests in the serial group (fault modules mark themselves); on a worker of
    a `--dist loadfile` run, suffix grouped tests' ids with their group (`…::test@group`), as
    xdist itself does for `--dist loadgroup`, so that the scheduler below sees the groups."""
    workerinput = getattr(config, "workerinput", None)
    suffix = bool(workerinput) and workerinput.get("razem_dist") == "loadfile"
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(SERIAL_GROUP))
        group = item.get_closest_marker("xdist_group")
        if suffix and group:
            name = group.args[0] if group.args else group.kwargs.get("name", "default")
            # xdist's own suffixing writes item._nodeid, which pytest 9 no longer reads (it keeps `_id`).
            item._id = coerce_node_id(f"{item.nodeid}@{name}")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Tell each worker how the controller distributes (xdist resets `dist` on workers)."""
    node.workerinput["razem_dist"] = node.config.getvalue("dist")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` that keeps each xdist_group together."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LoadFileAndGroupScheduling(LoadScopeScheduling):
        """Units of work: a group (every test marked with it), else a file."""

        def _split_scope(self, nodeid):
            if nodeid.rfind("@") > nodeid.rfind("]"):  # as LoadGroupScheduling: "…::test[param]@group"
                return "@" + nodeid.rsplit("@", 1)[-1]
            return nodeid.split("::", 1)[0]

        def _assign_work_unit(self, node):
            for scope in [scope for scope in self.workqueue if scope.startswith("@")]:
                self.workqueue.move_to_end(scope, last=False)
            super()._assign_work_unit(node)

    return LoadFileAndGroupScheduling(config, log)

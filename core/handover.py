"""Functions a higher app hands to a lower one when it starts (AppConfig.ready): dependency inversion
without an import upwards (docs/architecture.md "Layers"). Until the hand-over, safe defaults answer."""


class Readers:
    """Named functions with their defaults; `take(**functions)` replaces them, refusing unknown names."""

    def __init__(self, what, **defaults):
        self.what = what
        self._functions = dict(defaults)

    def take(self, **functions):
        """Take the owning app's functions, by the names of the defaults (a typo fails at start-up)."""
        unknown = set(functions) - set(self._functions)
        if unknown:
            raise TypeError(f"unknown {self.what}: {', '.join(sorted(unknown))}")
        self._functions.update(functions)

    def __getitem__(self, name):
        return self._functions[name]

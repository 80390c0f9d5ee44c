"""Checks of settings that several plugins share: whole numbers, and the
order of PLUGINS.

A mistake stops the build at Pelican's `initialized` signal with a ValueError
naming the setting, before anything is read.
"""


def whole_number(settings, key, minimum=0, minimum_name=None):
    """The setting, which must be a whole number of at least `minimum` (named
    `minimum_name`, when another setting gives it)."""
    value = settings[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        least = f"{minimum_name} ({minimum})" if minimum_name else minimum
        raise ValueError(
            f"{key} must be a whole number, {least} or more, got {value!r}"
        )
    return value


def check_plugin_order(pelican):
    """Every plugin comes after the plugins its module's `NEEDS` names: their
    signal receivers must run before its own.

    Each plugin that needs others connects this at `initialized`; it runs once.
    """
    listed = [plugin.__name__ for plugin in pelican.plugins]
    for position, name in enumerate(listed):
        for needed in getattr(pelican.plugins[position], "NEEDS", ()):
            if needed in listed[:position]:
                continue
            found, fix = (
                ("comes after it", "Move")
                if needed in listed
                else ("is not listed", "Add")
            )
            raise ValueError(
                f"PLUGINS: {name} needs {needed} before it, but {needed} {found}. "
                f"{fix} {needed} above {name} in PLUGINS (pelicanconf.py)."
            )

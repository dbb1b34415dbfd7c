"""staatc: the report compiler behind the Staat van de Uitvoering."""

# The package imports nothing when it is loaded: `python -m staatc` and the `staatc` script
# load it before staatc.__main__ can catch a Ctrl-C, so the moment must hold no slow import.
__version__ = "0.1.0"


def _templates():
    """The bundled house style: `templates/` at the top of the repository.

    The wheel ships it inside the package as `staatc/templates/` (pyproject.toml maps the
    package `staatc.templates` onto the folder); a source checkout or an editable install reads
    the folder itself, beside `staatc/`.
    """
    from pathlib import Path

    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if (installed / "rapportage.typ").is_file() else package.parent / "templates"


def __getattr__(name: str):
    if name == "TEMPLATES":  # found on first use, then kept as an ordinary attribute
        value = globals()["TEMPLATES"] = _templates()
        return value
    raise AttributeError(f"module 'staatc' has no attribute {name!r}")

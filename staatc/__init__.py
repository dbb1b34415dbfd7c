"""staatc: the report compiler behind the Staat van de Uitvoering."""

from pathlib import Path

__version__ = "0.1.0"


def _templates() -> Path:
    """The bundled house style: `templates/` at the top of the repository.

    The wheel ships it inside the package as `staatc/templates/` (pyproject.toml maps the
    package `staatc.templates` onto the folder); a source checkout or an editable install reads
    the folder itself, beside `staatc/`.
    """
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if (installed / "rapportage.typ").is_file() else package.parent / "templates"


TEMPLATES = _templates()

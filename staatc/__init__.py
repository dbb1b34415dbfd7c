"""staatc: the report compiler behind the Staat van de Uitvoering."""

__version__ = "0.1.0"

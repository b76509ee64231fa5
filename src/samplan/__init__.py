"""samplan: plans as code for local crime prevention in Sweden."""

__version__ = "0.1.0"

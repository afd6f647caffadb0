"""A client library for accessing Clerk Backend API — Invitations"""

from .client import AuthenticatedClient, Client

__version__ = "0.4.0"

__all__ = (
    "AuthenticatedClient",
    "Client",
    "__version__",
)

"""A client library for accessing Clerk Backend API — Invitations"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)

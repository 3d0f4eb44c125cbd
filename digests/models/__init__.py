"""Subscriptions, deliveries and editor mailings; public names re-exported here."""

from .deliveries import Delivery
from .mailings import Mailing
from .subscriptions import FREQUENCIES, KINDS, Consent, Subscription

__all__ = ["FREQUENCIES", "KINDS", "Consent", "Delivery", "Mailing", "Subscription"]

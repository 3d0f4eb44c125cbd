"""Subscriptions, deliveries and editor mailings; public names re-exported here."""

from .contacts import Contact
from .deliveries import Delivery
from .mailings import Mailing
from .subscriptions import FREQUENCIES, KINDS, Subscription

__all__ = ["FREQUENCIES", "KINDS", "Contact", "Delivery", "Mailing", "Subscription"]

"""Subscriptions, deliveries and editor mailings; public names re-exported here."""

from .deliveries import Delivery
from .mailings import Mailing
from .subscriptions import FREQUENCIES, KINDS, Subscription

__all__ = ["FREQUENCIES", "KINDS", "Delivery", "Mailing", "Subscription"]

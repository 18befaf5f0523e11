"""The early-warning API (`/api/v1/peringatan`): rules, alerts, subscriptions, dashboard data."""

from ninja import Router

router = Router()

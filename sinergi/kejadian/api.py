"""The incident API (`/api/v1/kejadian`): intake, list, detail, transitions, triage."""

from ninja import Router

router = Router()

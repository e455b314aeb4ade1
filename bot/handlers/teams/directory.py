"""Who people are in a Teams tenant, as one activity tells it (the services' Directory port).

Teams gives no profile API to a bot: the speaker's name and time zone come with each activity,
a mentioned person's name with the mention. Anyone else keeps what Kept stored of them.
"""

from __future__ import annotations

from bot.domain.people import PersonKey, Profile
from bot.handlers.teams.incoming import PLATFORM, Incoming
from bot.services import people
from bot.services.env import Env


class TeamsDirectory:
    platform = PLATFORM

    def __init__(self, env: Env, incoming: Incoming) -> None:
        self._env, self._incoming = env, incoming
        self.workspace_id = incoming.tenant_id

    def profile(self, user_id: str) -> Profile | None:
        stored = self._stored(user_id)
        speaker = self._incoming.speaker
        if user_id == speaker.user_id:
            zone = speaker.timezone or (stored.timezone if stored else self._default_zone)
            locale = speaker.locale or (stored.locale if stored else None)
            name = speaker.name or (stored.display_name if stored else "someone")
            return Profile(name, zone, locale, speaker.is_bot)
        named = next((m for m in self._incoming.mentions.values() if m.user_id == user_id), None)
        if named is not None:
            zone = stored.timezone if stored else self._default_zone
            return Profile(named.name, zone, stored.locale if stored else None, named.is_bot)
        return stored

    def user_id(self, mention: str) -> str | None:
        """A person mentioned in this activity; or, typed as their handle (@Ana_Lopez) where
        Teams offers no mention (a personal chat), the one person of the tenant Kept knows by
        it. A first name alone is not enough: it could be someone Kept has not met."""
        named = self._incoming.mentions.get(mention.strip().lower())
        if named is not None:
            return named.user_id
        return self._known_as(mention.strip().lstrip("@").lower())

    def _known_as(self, typed: str) -> str | None:
        return people.known_by_handle(self._env, PLATFORM, self.workspace_id, typed)

    @property
    def _default_zone(self) -> str:
        return self._env.settings.working_hours.default_timezone

    def _stored(self, user_id: str) -> Profile | None:
        return people.stored_profile(self._env, PersonKey(PLATFORM, self.workspace_id, user_id))

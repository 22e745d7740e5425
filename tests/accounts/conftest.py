from tests.moderation.conftest import contributor, definition, editor, moderator, small_wiki  # noqa: F401

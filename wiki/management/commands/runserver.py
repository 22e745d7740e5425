"""``runserver`` (make run) with static files served as staticfiles' own, except that a path reaching out of
the static folders (``/static/../config/settings/base.py``) answers 404 instead of an escaped error (500).

Django's StaticFilesHandler turns only Http404 into a response; a SuspiciousFileOperation from a ``..`` path
escapes it. Production serves static files with WhiteNoise, which never looks outside its folders.
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.contrib.staticfiles.management.commands.runserver import Command as StaticfilesRunserver
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404


class SafeStaticFilesHandler(StaticFilesHandler):
    def serve(self, request):
        try:
            return super().serve(request)
        except SuspiciousFileOperation as error:
            raise Http404("not a static file") from error


class Command(StaticfilesRunserver):
    def get_handler(self, *args, **options):
        handler = super().get_handler(*args, **options)
        if isinstance(handler, StaticFilesHandler):
            return SafeStaticFilesHandler(handler.application)
        return handler

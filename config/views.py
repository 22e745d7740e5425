from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A failed CSRF check explains itself in the reader's language instead of Django's English page."""
    return render(request, "403_csrf.html", {"title": "403"}, status=403)

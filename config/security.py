"""Content-Security-Policy header, without a third-party package.

The public site uses no inline scripts or styles and no other hosts, so its policy
is strict. Wagtail's admin still has inline scripts (date pickers, inline panels)
and style attributes, and frames its own previews, so paths under an admin prefix
get a relaxed policy; the world map SVG carries its own <style> block. A view that
sets its own Content-Security-Policy (Wagtail's image and document serving do) keeps it.
"""

from django.conf import settings


def policy_for_path(path: str, default: str, path_policies: list[tuple[str, str]]) -> str:
    """The policy for `path`: the first matching prefix in `path_policies`, else `default`."""
    for prefix, policy in path_policies:
        if path.startswith(prefix):
            return policy
    return default


def build_policy(directives: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = "Content-Security-Policy-Report-Only" if settings.CSP_REPORT_ONLY else "Content-Security-Policy"
        if "Content-Security-Policy" not in response and header not in response:
            response[header] = policy_for_path(request.path, settings.CSP_POLICY, settings.CSP_PATH_POLICIES)
        return response

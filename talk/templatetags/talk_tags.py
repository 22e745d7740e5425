from django import template

register = template.Library()


@register.simple_tag
def render_post(page, post):
    """A post's Markdown, sanitised, with the page's [[wiki links]]."""
    return page.render_markdown(post.body)

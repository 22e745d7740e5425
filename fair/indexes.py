"""Finding the case-study index and the blog of a language, through Wagtail's page queries."""

from wiki.models import BlogIndexPage, CaseStudyIndexPage


def case_study_index(language: str, slug: str | None = None):
    pages = CaseStudyIndexPage.objects.live().filter(locale__language_code=language)
    return (pages.filter(slug=slug) if slug else pages).first()


def blog_index(language: str, slug: str | None = None):
    pages = BlogIndexPage.objects.live().filter(locale__language_code=language)
    return (pages.filter(slug=slug) if slug else pages).first()

"""The blog's Atom feed (Django's syndication framework): the latest posts of one language's blog."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from fair.indexes import blog_index

FEED_SIZE = 20


class BlogFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, index_slug):
        index = blog_index(translation.get_language(), index_slug)
        if index is None:
            raise Http404
        self.request = request
        return index

    def title(self, obj):
        return obj.title

    def link(self, obj):
        return obj.url

    def subtitle(self, obj):
        return obj.intro

    def items(self, obj):
        return obj.posts()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The lead, as on the blog's index, not the body: the page cache keeps listings (this feed
        # included) through edits confined to a page's body (caching.page_scope.OWN_PAGE_FIELDS).
        return format_html("<p>{}</p>", item.lead) if item.lead else ""

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

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
        # HTML of the rendered (sanitised) Markdown; the lead is plain text and is escaped.
        return format_html("<p>{}</p>{}", item.lead, item.rendered["body"]) if item.lead else item.rendered["body"]

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

from .article import ArticlePage
from .base import WikiPage
from .blog import BlogIndexPage, BlogPostPage
from .case_study import CaseStudyIndexPage, CaseStudyPage
from .definition import DefinitionIndexPage, DefinitionPage
from .editing import EditMeta, EditStatus, HoldReason, PageProtection, hold_reason_label
from .market_guide import MarketGuideIndexPage, MarketGuidePage
from .tags import (
    ArticlePageTag,
    BlogPostPageTag,
    CaseStudyPageTag,
    DefinitionPageTag,
    MarketGuidePageTag,
    WikiTag,
)

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "BlogIndexPage",
    "BlogPostPage",
    "BlogPostPageTag",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyPageTag",
    "DefinitionIndexPage",
    "DefinitionPage",
    "DefinitionPageTag",
    "EditMeta",
    "EditStatus",
    "HoldReason",
    "hold_reason_label",
    "PageProtection",
    "MarketGuideIndexPage",
    "MarketGuidePage",
    "MarketGuidePageTag",
    "WikiPage",
    "WikiTag",
]

from .article import ArticlePage
from .base import WikiPage
from .case_study import CaseStudyIndexPage, CaseStudyPage
from .definition import DefinitionIndexPage, DefinitionPage
from .editing import EditMeta, EditStatus, PageProtection
from .market_guide import MarketGuideIndexPage, MarketGuidePage
from .tags import (
    ArticlePageTag,
    CaseStudyPageTag,
    DefinitionPageTag,
    MarketGuidePageTag,
    WikiTag,
)

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyPageTag",
    "DefinitionIndexPage",
    "DefinitionPage",
    "DefinitionPageTag",
    "EditMeta",
    "EditStatus",
    "PageProtection",
    "MarketGuideIndexPage",
    "MarketGuidePage",
    "MarketGuidePageTag",
    "WikiPage",
    "WikiTag",
]

from .article import ArticlePage
from .base import WikiPage
from .case_study import CaseStudyIndexPage, CaseStudyPage
from .definition import DefinitionIndexPage, DefinitionPage
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
    "MarketGuideIndexPage",
    "MarketGuidePage",
    "MarketGuidePageTag",
    "WikiPage",
    "WikiTag",
]

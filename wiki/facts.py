"""Vocabularies of the structured facts, shared by models, filters and the API."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    CLOTHING_TEXTILES = "clothing_textiles", _("Clothing and textiles")
    FOOTWEAR = "footwear", _("Footwear")
    JEWELLERY_ACCESSORIES = "jewellery_accessories", _("Jewellery and accessories")
    FOOD_DRINK = "food_drink", _("Food and drink")
    SOFTWARE_DIGITAL = "software_digital", _("Software and digital")
    SERVICES = "services", _("Services")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    OTHER = "other", _("Other")


class SalesChannel(models.TextChoices):
    OWN_SHOP = "own_shop", _("Own online shop")
    MARKETPLACES = "marketplaces", _("Online marketplaces")
    RETAILERS = "retailers", _("Retailers")
    AGENTS_DISTRIBUTORS = "agents_distributors", _("Agents and distributors")
    TRADE_FAIRS = "trade_fairs", _("Trade fairs")
    WHOLESALE = "wholesale", _("Wholesale")


# (key, label, lowest staff count, highest staff count or None)
STAFF_BANDS = [
    ("1", _("1 person"), 1, 1),
    ("2-4", _("2–4 people"), 2, 4),
    ("5-9", _("5–9 people"), 5, 9),
    ("10+", _("10 or more"), 10, None),
]


def staff_band(staff_count: int | None) -> str | None:
    if staff_count is None:
        return None
    for key, _label, low, high in STAFF_BANDS:
        if staff_count >= low and (high is None or staff_count <= high):
            return key
    return None


def validate_sales_channels(value: str) -> None:
    from django.core.exceptions import ValidationError

    unknown = [key for key in (value or "").split() if key not in SalesChannel.values]
    if unknown:
        raise ValidationError(_("Unknown sales channel(s): %(keys)s"), params={"keys": ", ".join(unknown)})

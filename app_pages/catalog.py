"""The plan catalog page: drawn by :func:`app_pages.components.catalog_page.draw_catalog_page`."""

from app_pages.components.catalog_page import draw_catalog_page

draw_catalog_page()

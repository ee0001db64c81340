"""The Compare plans page: drawn by :func:`app_pages.components.compare_page.draw_compare_page`."""

from app_pages.components.compare_page import draw_compare_page

draw_compare_page()

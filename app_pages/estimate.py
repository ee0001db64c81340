"""The estimate page (the app's default): drawn by :func:`app_pages.components.estimate_view.draw_estimate_page`."""

from app_pages.components.estimate_view import draw_estimate_page

draw_estimate_page()

"""The app's pages, each run by the router in streamlit_app.py; what they draw is in components/."""

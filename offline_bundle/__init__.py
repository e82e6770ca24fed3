"""Kaggle kit for leanr_py: build, verify and run an offline bundle (not implemented yet)."""

"""Ingestion: documents on disk -> clean text -> citable chunks -> the index.

Must not import gradio or any front end.
"""

"""The Gradio web chat: `app.py` builds and launches it; `render.py` turns answers into HTML;
`quiz_tab.py` and `library_tab.py` are its other tabs; `guard.py` the request middleware;
`sessions.py` the API session limits; `transcript.py` the conversation export."""

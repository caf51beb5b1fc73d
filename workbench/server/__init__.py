"""The serving side: who may open which page, before any kernel starts, and how.

``app`` runs Voilà with the workbench's handlers in front of its pages (``gate``), the access
log scrubbed of tokens (``logs``), a cap on kernels (``kernel_cap``), and TLS. ``visitor`` is
the one piece a page's kernel uses: what the server verified about the person who opened it.
Only ``app`` and ``gate`` import tornado or Voilà; ``visitor`` and ``logs`` are plain Python.
"""

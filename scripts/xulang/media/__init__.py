"""Photos, video and attachments: what an editor drops into content/assets/ and how readers get it.

- config.py: the limits and image sizes (`xulang: media:` in mkdocs.yml), with defaults.
- sidecar.py: the text typed once with a file (`photo.jpg.yml`: alt and caption per language,
  credit, licence), read with line numbers for findings.
- images.py: resized variants made with Pillow, cached by content hash under .cache/.
- render.py: a rendered page's <img>, video and file links turned into <picture>, <video> and
  links that say the file's kind, size and language.
"""

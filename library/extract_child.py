"""The child process of text extraction: `python -m library.extract_child PATH KIND MAX_PAGES MAX_CHARS`.

Started by library.extraction.extract_in_child with CPU-time and memory limits already set
(resource.setrlimit in preexec_fn). Prints one JSON object on stdout; exits with
EXIT_TOO_LARGE when the memory limit was hit. Needs no Django settings.
"""

import json
import sys

EXIT_TOO_LARGE = 3


def main(argv):
    from library.extraction import ExtractionError, Unsupported, extract_text

    path, kind, max_pages, max_chars = argv[1], argv[2], int(argv[3]), int(argv[4])
    try:
        with open(path, "rb") as fileobj:
            text, pages, truncated = extract_text(fileobj, kind, max_pages=max_pages, max_chars=max_chars)
        result = {"status": "ok", "text": text, "pages": pages, "truncated": truncated}
    except Unsupported:
        result = {"status": "unsupported"}
    except MemoryError:
        return EXIT_TOO_LARGE
    except ExtractionError as error:
        result = {"status": "failed", "error": str(error)}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except MemoryError:
        sys.exit(EXIT_TOO_LARGE)

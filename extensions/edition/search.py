"""Search: the English search language, which also finds words of the Chinese original.

The edition's pages are searched with Sphinx's English search language
(stemming, stop words); this one also cuts runs of Chinese characters into
words with jieba, so a Chinese word of a transcribed slot finds its
paragraph. Set ``html_search_language = "en"`` (the default for
``language = "en"``) and it is used.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx
from sphinx.search.en import SearchEnglish

#: runs of CJK ideographs (with the punctuation-free extensions A and B)
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0002a6df]+")


class SearchEnglishWithChinese(SearchEnglish):
    """English search that also indexes the words of the Chinese original.

    Sphinx's English splitter keeps a run of Chinese characters as one
    "word" (a whole clause), so no query would ever match it; Sphinx's own
    Chinese language (``sphinx.search.zh``) cuts with jieba but treats the
    English text as second-class (no stop words of its own, other stemming
    of short words). This keeps English as it is and hands only the Chinese
    runs to jieba (``cut_for_search``: words and their parts). A query is
    split by the browser on spaces and punctuation, so a single Chinese word,
    or words separated by spaces, find their paragraph.
    """

    def split(self, input: str) -> list[str]:
        words: list[str] = []
        for word in super().split(input):
            if CJK_RUN.search(word):
                words.extend(cut_chinese(word))
            else:
                words.append(word)
        return words

    def word_filter(self, word: str) -> bool:
        if CJK_RUN.fullmatch(word):
            return True
        return super().word_filter(word)


def cut_chinese(text: str) -> list[str]:
    import jieba  # imported late: loading its dictionary takes a moment

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not a warning
    words: list[str] = []
    for part in re.split(f"({CJK_RUN.pattern})", text):
        if not part:
            continue
        if CJK_RUN.fullmatch(part):
            words.extend(w for w in jieba.cut_for_search(part) if w.strip())
        else:
            words.append(part)
    return words


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchEnglishWithChinese)

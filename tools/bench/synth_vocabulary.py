"""The fixed vocabularies of the synthetic manuscript: words, titles, Japanese names, terms, lines and themes."""

from __future__ import annotations


def split_words(text: str) -> tuple[str, ...]:
    """Return the words of text (for the vocabularies below)."""
    return tuple(text.split())


FUNCTION_WORDS = split_words(
    "the the the the of of and and to to a a in in that it was he she his her they their for on with as at "
    "by from but not this had were be been would which what when there all one into could who them then than "
    "so out up more about only over after before some also its no him we our you your"
)

CONTENT_WORDS = split_words(
    "island soldier soldiers letter letters commander general officer officers tunnel tunnels beach cave caves "
    "water food rations order orders family wife son daughter home village harbour shore ridge mountain sand ash "
    "night morning dawn evening silence voice hands shovel rifle helmet uniform radio message telegram headquarters "
    "battle defence attack retreat surrender honour duty memory promise courage fear hunger thirst sickness wound "
    "doctor medicine bakery bread garden street school teacher student lesson question answer story history film "
    "scene camera director audience picture photograph record source archive translation meaning word name paper "
    "writes reads remembers listens watches waits digs carries buries burns hides finds loses keeps sends refuses "
    "obeys decides explains argues believes doubts hopes knows learns teaches forgives protects remembers trusts "
    "quiet heavy tired young old brave careful proud gentle harsh distant familiar broken hidden last first long "
    "short dark bright cold warm dry narrow deep steady uncertain ordinary strange honest practical kind "
    "understanding particularly responsibility communication reinforcements circumstances extraordinary "
    "conversation independence considering remembering surrendering disappointment encouragement "
    "determination preparation information interpretation neighbourhood correspondence "
    "photographs commanders battlefield underground everything themselves somewhere nevertheless"
)

TITLE_WORDS = split_words(
    "Tunnel Letter Shore Ridge Night Order Promise Silence Harbour Garden Message Voice Shovel Bread Rain Ash "
    "Lantern Mountain Return Memory Commander Soldier Winter Summer Crossing Signal Road Well Stone River"
)

FAMILIES = (
    ("Satō", "sato", "佐藤"),
    ("Suzuki", "suzuki", "鈴木"),
    ("Takahashi", "takahashi", "高橋"),
    ("Tanaka", "tanaka", "田中"),
    ("Itō", "ito", "伊藤"),
    ("Watanabe", "watanabe", "渡辺"),
    ("Yamamoto", "yamamoto", "山本"),
    ("Nakamura", "nakamura", "中村"),
    ("Kobayashi", "kobayashi", "小林"),
    ("Katō", "kato", "加藤"),
    ("Yoshida", "yoshida", "吉田"),
    ("Yamada", "yamada", "山田"),
    ("Sasaki", "sasaki", "佐々木"),
    ("Yamaguchi", "yamaguchi", "山口"),
)
GIVEN = (
    ("Kenji", "kenji", "健二"),
    ("Noboru", "noboru", "昇"),
    ("Kiyoshi", "kiyoshi", "清"),
    ("Masao", "masao", "正雄"),
    ("Hiroshi", "hiroshi", "博"),
    ("Shigeru", "shigeru", "茂"),
    ("Isamu", "isamu", "勇"),
    ("Takeshi", "takeshi", "武"),
    ("Ichirō", "ichiro", "一郎"),
    ("Tarō", "taro", "太郎"),
    ("Akira", "akira", "明"),
    ("Minoru", "minoru", "実"),
)
AMERICANS = (("Sam Walker", "sam-walker"), ("Robert Hale", "robert-hale"))
RANKS = (
    "Private, Army",
    "Private First Class, Army",
    "Sergeant, Army",
    "Lieutenant, Army",
    "Captain, Army",
    "Major, Army",
    "Lieutenant Colonel, Army",
    "Admiral, Navy",
    "Medical Officer, Army",
    "Marine, United States",
)
TERMS_POOL = (
    ("gyokusai", "玉砕"),
    ("senninbari", "千人針"),
    ("hachimaki", "鉢巻"),
    ("kamikaze", "神風"),
    ("banzai", "万歳"),
    ("bushido", "武士道"),
    ("kempeitai", "憲兵隊"),
    ("jiketsu", "自決"),
    ("senjinkun", "戦陣訓"),
    ("hinomaru", "日の丸"),
    ("daihonei", "大本営"),
    ("tokkotai", "特攻隊"),
    ("chinjufu", "鎮守府"),
    ("gunsoku", "軍属"),
    ("yasukuni", "靖国"),
    ("kesshitai", "決死隊"),
)
JAPANESE_LINES = (
    "灯りは今、私のものです。",
    "家のことは心配しないでください。",
    "台所の隙間風を直してください。",
    "子供たちを頼みます。",
    "私はもう帰れないと思います。",
    "島の夜はとても静かです。",
    "手紙をありがとう。毎日読んでいます。",
    "体に気をつけて、元気でいてください。",
    "春になったら庭に花を植えてください。",
    "国のために最後まで戦います。",
)
INDONESIAN_LINES = (
    "Cahaya itu sekarang milikku.",
    "Jangan khawatir tentang rumah kita.",
    "Jagalah anak-anak kita baik-baik.",
    "Aku mungkin tidak akan kembali.",
    "Malam di pulau ini sangat sunyi.",
    "Terima kasih atas suratmu.",
    "Jaga kesehatanmu selalu.",
)
INDONESIAN_WORDS = ("keselamatan", "semangat juang", "kehormatan", "pengorbanan", "kesetiaan")
SETTINGS = ("The island, June 1944", "The island, winter 1944", "The caves, February 1945", "Tokyo, spring 1944")
KINDS = ("letter", "telegram", "poem", "film-dialogue", "saying")
RECIPIENTS = ("His wife", "His son", "His daughter", "Imperial General Headquarters, Tokyo", "His brother", "A friend")
THEMES = (
    ("duty-family", "Duty and family", "D"),
    ("honour-survival", "Honour, surrender and survival", "H"),
    ("enemy-humanity", "The enemy's humanity", "E"),
    ("leadership", "Leadership", "L"),
    ("letters-memory", "Letters and memory", "M"),
)

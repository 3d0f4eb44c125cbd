"""Five demo innovations of the demo organisations, at every stage, in Polish, Ukrainian and English.

Each: (slug, author organisation number in directory.demo_data.ORGANISATIONS, stage, cost band,
evaluation, people reached, sectors, target groups, voivodeships ("all": nationwide),
{language: (title, summary, problem, solution, where and for whom, results, requirements)}).
"""

INNOVATIONS = [
    ("klub-pracy-mentoring", 6, "scaling", "20k-100k", "external", 640, ["employment", "integration"],
     ["refugees-ukraine", "women"], ["lodzkie", "mazowieckie", "malopolskie"], {
         "pl": ("Klub pracy z mentoringiem dla kobiet z Ukrainy",
                "Cotygodniowe spotkania, mentorka na pół roku i pomoc w uznaniu dyplomu: 6 na 10 uczestniczek pracuje "
                "zgodnie z kwalifikacjami.",
                "Kobiety z Ukrainy z wyższym wykształceniem pracują najczęściej poniżej swoich kwalifikacji.",
                "Grupa 12 uczestniczek spotyka się co tydzień przez pół roku; każda ma mentorkę z tej samej branży, "
                "a prawniczka pomaga w nostryfikacji dyplomu.",
                "Łódź, Warszawa i Kraków; kobiety z Ukrainy z wyższym wykształceniem.",
                "Ewaluacja zewnętrzna 2025: 384 z 640 uczestniczek (60%) pracuje zgodnie z kwalifikacjami po roku.",
                "Koordynatorka na pół etatu, 12 mentorek-wolontariuszek, sala raz w tygodniu, konsultacje prawne."),
         "uk": ("Клуб працевлаштування з менторством для жінок з України",
                "Щотижневі зустрічі, менторка на пів року і допомога з визнанням диплома: 6 з 10 учасниць працюють "
                "за кваліфікацією.",
                "Жінки з України з вищою освітою найчастіше працюють нижче своєї кваліфікації.",
                "Група з 12 учасниць зустрічається щотижня протягом пів року; кожна має менторку з тієї ж галузі, "
                "а юристка допомагає з нострифікацією диплома.",
                "Лодзь, Варшава і Краків; жінки з України з вищою освітою.",
                "Зовнішнє оцінювання 2025: 384 з 640 учасниць (60%) працюють за кваліфікацією через рік.",
                "Координаторка на пів ставки, 12 менторок-волонтерок, зала раз на тиждень, юридичні консультації."),
         "en": ("A job club with mentoring for women from Ukraine",
                "Weekly meetings, a mentor for six months and help with diploma recognition: 6 in 10 participants "
                "work in their profession.",
                "Women from Ukraine with a university degree mostly work below their qualifications.",
                "A group of 12 participants meets weekly for six months; each has a mentor from her field, and a "
                "lawyer helps with diploma recognition.",
                "Łódź, Warsaw and Kraków; women from Ukraine with a university degree.",
                "External evaluation 2025: 384 of 640 participants (60%) work in their profession after a year.",
                "A half-time coordinator, 12 volunteer mentors, a room once a week, legal advice."),
     }),
    ("asystent-rodziny-w-szkole", 2, "proven", "100k-500k", "internal", 1200, ["education", "children-youth"],
     ["children", "refugees-ukraine"], ["dolnoslaskie", "opolskie"], {
         "pl": ("Asystentka międzykulturowa w szkole",
                "Asystentka mówiąca po ukraińsku łączy szkołę, dziecko i rodzinę: mniej nieobecności, szybsza nauka "
                "polskiego.",
                "Dzieci z Ukrainy opuszczają lekcje, a szkoła i rodzice nie mogą się porozumieć.",
                "W każdej szkole pracuje asystentka międzykulturowa: tłumaczy, prowadzi dyżury dla rodziców i "
                "zajęcia wyrównawcze.",
                "24 szkoły podstawowe na Dolnym Śląsku i Opolszczyźnie; dzieci z Ukrainy i ich rodzice.",
                "Nieobecności spadły o 35% w ciągu roku; 1200 dzieci objętych wsparciem (ewaluacja wewnętrzna).",
                "Asystentka na pełen etat na 2–3 szkoły, porozumienie z gminą, szkolenie wstępne 40 godzin."),
         "uk": ("Міжкультурна асистентка в школі",
                "Асистентка, яка говорить українською, поєднує школу, дитину і родину: менше пропусків, швидше "
                "вивчення польської.",
                "Діти з України пропускають уроки, а школа і батьки не можуть порозумітися.",
                "У кожній школі працює міжкультурна асистентка: перекладає, чергує для батьків і веде "
                "вирівнювальні заняття.",
                "24 початкові школи в Нижній Сілезії та Опольщині; діти з України та їхні батьки.",
                "Пропуски зменшилися на 35% за рік; 1200 дітей отримали підтримку (внутрішнє оцінювання).",
                "Асистентка на повну ставку на 2–3 школи, угода з гміною, вступне навчання 40 годин."),
         "en": ("An intercultural assistant in school",
                "A Ukrainian-speaking assistant connects the school, the child and the family: fewer absences, "
                "faster Polish.",
                "Children from Ukraine miss lessons, and schools and parents cannot understand each other.",
                "Each school has an intercultural assistant who interprets, holds hours for parents and runs "
                "catch-up classes.",
                "24 primary schools in Lower Silesia and Opole; children from Ukraine and their parents.",
                "Absences fell by 35% within a year; 1,200 children supported (internal evaluation).",
                "A full-time assistant for 2–3 schools, an agreement with the municipality, 40 hours of training."),
     }),
    ("telefon-wsparcia-psychologicznego", 3, "pilot", "under-20k", "internal", 310, ["mental-health"],
     ["refugees-ukraine", "women"], ["pomorskie"], {
         "pl": ("Wieczorny telefon wsparcia po ukraińsku",
                "Psycholożki-wolontariuszki odbierają telefon w trzy wieczory w tygodniu; pilotaż w Gdańsku.",
                "Po pracy nie ma gdzie szukać wsparcia psychologicznego w swoim języku.",
                "Dyżur telefoniczny 18–22 we wtorki, czwartki i niedziele, superwizja co dwa tygodnie.",
                "Pomorskie; dorośli z Ukrainy, głównie kobiety.",
                "310 rozmów w pół roku; 8 na 10 osób oceniło rozmowę jako pomocną (ankieta).",
                "Sześć psycholożek, numer telefonu z przekierowaniem, superwizor, 12 000 zł rocznie."),
         "uk": ("Вечірній телефон підтримки українською",
                "Психологині-волонтерки відповідають на дзвінки три вечори на тиждень; пілот у Гданську.",
                "Після роботи ніде шукати психологічної підтримки рідною мовою.",
                "Телефонне чергування з 18 до 22 у вівторок, четвер і неділю, супервізія раз на два тижні.",
                "Поморське воєводство; дорослі з України, переважно жінки.",
                "310 розмов за пів року; 8 з 10 людей оцінили розмову як корисну (опитування).",
                "Шість психологинь, номер телефону з переадресацією, супервізор, 12 000 злотих на рік."),
         "en": ("An evening support line in Ukrainian",
                "Volunteer psychologists answer the phone three evenings a week; a pilot in Gdańsk.",
                "After work there is nowhere to find psychological support in one's own language.",
                "A phone duty from 6 to 10 pm on Tuesdays, Thursdays and Sundays, supervision every two weeks.",
                "Pomorskie; adults from Ukraine, mostly women.",
                "310 calls in six months; 8 in 10 callers found the call helpful (survey).",
                "Six psychologists, a forwarded phone number, a supervisor, 12,000 PLN a year."),
     }),
    ("mapa-wolnych-mieszkan", 0, "proven", "20k-100k", "external", 2100, ["housing", "information"],
     ["refugees-ukraine", "host-communities"], "all", {
         "pl": ("Mapa mieszkań z uczciwym najmem",
                "Właściciele zgłaszają mieszkania na uczciwych warunkach, organizacja sprawdza umowę: 2100 osób "
                "znalazło dom.",
                "Rodziny z Ukrainy trafiają na nieuczciwe umowy i tracą kaucje.",
                "Właściciele zgłaszają mieszkania; prawniczka sprawdza wzór umowy, a rodzina dostaje wsparcie "
                "przy podpisaniu.",
                "Cała Polska; rodziny z Ukrainy i właściciele mieszkań.",
                "Ewaluacja zewnętrzna: 2100 osób w 780 mieszkaniach, żadna utracona kaucja w ciągu dwóch lat.",
                "Prawniczka, koordynator, baza mieszkań, wzór umowy najmu (w bibliotece)."),
         "uk": ("Мапа квартир із чесною орендою",
                "Власники пропонують квартири на чесних умовах, організація перевіряє договір: 2100 людей знайшли дім.",
                "Родини з України потрапляють на нечесні договори і втрачають застави.",
                "Власники пропонують квартири; юристка перевіряє зразок договору, а родина отримує підтримку під "
                "час підписання.",
                "Уся Польща; родини з України і власники квартир.",
                "Зовнішнє оцінювання: 2100 людей у 780 квартирах, жодної втраченої застави за два роки.",
                "Юристка, координатор, база квартир, зразок договору оренди (у бібліотеці)."),
         "en": ("A map of flats with fair rent",
                "Owners offer flats on fair terms and the organisation checks the contract: 2,100 people found "
                "a home.",
                "Families from Ukraine meet unfair contracts and lose their deposits.",
                "Owners list flats; a lawyer checks the model contract and the family gets support at signing.",
                "All of Poland; families from Ukraine and flat owners.",
                "External evaluation: 2,100 people in 780 flats, not one deposit lost in two years.",
                "A lawyer, a coordinator, a database of flats, a model lease (in the library)."),
     }),
    ("seniorzy-ucza-polskiego", 4, "idea", "under-20k", "none", None, ["language", "integration"],
     ["elderly", "refugees-ukraine", "host-communities"], ["lubelskie"], {
         "pl": ("Polscy seniorzy uczą polskiego",
                "Pomysł: emerytowane nauczycielki prowadzą rozmowy po polsku z seniorami z Ukrainy w klubach seniora.",
                "Starsze osoby z Ukrainy są samotne i nie uczą się polskiego na kursach dla dorosłych.",
                "Pary „senior–senior” spotykają się dwa razy w tygodniu w klubie seniora na rozmowę przy herbacie.",
                "Lubelskie; seniorzy z Ukrainy i polscy seniorzy.",
                "Jeszcze bez wyników: szukamy partnera do pilotażu w dwóch klubach seniora.",
                "Klub seniora, koordynatorka-wolontariuszka, materiały do rozmów."),
         "uk": ("Польські пенсіонери навчають польської",
                "Ідея: вчительки на пенсії ведуть розмови польською з літніми людьми з України в клубах для "
                "літніх людей.",
                "Літні люди з України самотні і не вчать польської на курсах для дорослих.",
                "Пари «літня людина – літня людина» зустрічаються двічі на тиждень у клубі за чаєм.",
                "Люблінське воєводство; літні люди з України та польські пенсіонери.",
                "Результатів ще немає: шукаємо партнера для пілоту у двох клубах.",
                "Клуб для літніх людей, координаторка-волонтерка, матеріали для розмов."),
         "en": ("Polish seniors teach Polish",
                "An idea: retired teachers hold conversations in Polish with older people from Ukraine in seniors' "
                "clubs.",
                "Older people from Ukraine are lonely and do not learn Polish in adult courses.",
                "Senior–senior pairs meet twice a week in a seniors' club for a conversation over tea.",
                "Lubelskie; older people from Ukraine and Polish seniors.",
                "No results yet: we look for a partner to pilot it in two seniors' clubs.",
                "A seniors' club, a volunteer coordinator, conversation materials."),
     }),
]

# The demo interest: organisation 3 ("Przystań", managed by the demo person) wants to replicate the
# job club, the author answered, and the need it posted from the pre-filled form.
INTEREST = ("klub-pracy-mentoring", 3,
            "Chcemy uruchomić klub pracy w Gdańsku dla 24 kobiet, które korzystają z naszego wsparcia "
            "psychologicznego.", "6-months",
            "Chętnie pomożemy: zapraszamy na wizytę studyjną do Łodzi i udostępnimy materiały dla mentorek.")
RECOMMENDED = ("klub-pracy-mentoring", "Sprawdzony w trzech miastach, ewaluacja zewnętrzna, gotowy do skalowania.")

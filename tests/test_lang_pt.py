"""Portuguese rules: what a Brazilian newsreader says for what a blog post writes (Portugal noted)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from audiopost.text.lang import WORD_KEYS
from audiopost.text.lang.pt import LANGUAGE
from audiopost.text.normalize import normalize
from audiopost.text.segment import sentences

CASES: list[tuple[str, str]] = [
    # numbers, decimals and gender: "1.500" thousands, "2,5" decimals; the count agrees with its noun
    ("O ingresso custa 1.500 reais.", "O ingresso custa mil e quinhentos reais."),
    ("A taxa subiu 2,5 pontos.", "A taxa subiu dois vírgula cinco pontos."),
    ("A cidade tem 1.234.567 habitantes.",
     "A cidade tem um milhão duzentos e trinta e quatro mil quinhentos e sessenta e sete habitantes."),
    ("Havia 1 pessoa na fila e 2 casas vazias.", "Havia uma pessoa na fila e duas casas vazias."),
    ("Foram 200 mil pessoas às ruas.", "Foram duzentas mil pessoas às ruas."),
    ("São 20 milhões de brasileiros.", "São vinte milhões de brasileiros."),
    # Manual de Redação da Folha: "1,5 milhão" (singular below two), said "um milhão e meio"
    ("A obra atraiu 1,5 milhão de visitantes.", "A obra atraiu um milhão e meio de visitantes."),
    # money: the currency after the amount, "de" after round millions
    ("O carro custa R$ 1.500,00.", "O carro custa mil e quinhentos reais."),
    ("O café sai por R$ 3,50.", "O café sai por três reais e cinquenta centavos."),
    ("A multa é de 1.500 €.", "A multa é de mil e quinhentos euros."),
    ("A entrada custa € 2,50.", "A entrada custa dois euros e cinquenta cêntimos."),
    ("O rombo chega a R$ 20 milhões.", "O rombo chega a vinte milhões de reais."),
    ("O contrato vale US$ 30.", "O contrato vale trinta dólares."),
    ("A empresa lucrou R$ 5 bi no ano.", "A empresa lucrou cinco bilhões de reais no ano."),
    ("O ingresso custa £ 2 em Londres.", "O ingresso custa duas libras em Londres."),
    # percentages
    ("A inflação foi de 12,5 %.", "A inflação foi de doze vírgula cinco por cento."),
    ("O dólar caiu 12,5% em um mês.", "O dólar caiu doze vírgula cinco por cento em um mês."),
    ("A aprovação ficou entre 40 e 45%.", "A aprovação ficou entre quarenta e quarenta e cinco por cento."),
    ("A gasolina subiu 0,5% e o diesel, 1%.",
     "A gasolina subiu zero vírgula cinco por cento e o diesel, um por cento."),
    # dates: day first, "primeiro" for the first of the month (Brazil; Portugal also says "um")
    ("A reunião será em 27/11/2026.", "A reunião será em vinte e sete de novembro de dois mil e vinte e seis."),
    ("O prazo acaba em 27.11.2026.", "O prazo acaba em vinte e sete de novembro de dois mil e vinte e seis."),
    ("O lançamento foi em 2026-11-27.", "O lançamento foi em vinte e sete de novembro de dois mil e vinte e seis."),
    ("O feriado de 1º de maio caiu numa sexta.", "O feriado de primeiro de maio caiu numa sexta."),
    ("Sexta-feira, 27 de novembro de 2026.", "Sexta-feira, vinte e sete de novembro de dois mil e vinte e seis."),
    ("O evento é no dia 05/03.", "O evento é no dia cinco de março."),
    # times: "14h30" is "catorze e trinta"; hours are feminine ("vinte e uma horas", "à uma hora")
    ("A sessão começa às 14h30.", "A sessão começa às catorze e trinta."),
    ("O voo sai às 14:30.", "O voo sai às catorze e trinta."),
    ("A loja fecha às 21h.", "A loja fecha às vinte e uma horas."),
    ("O plantão vai até às 1h.", "O plantão vai até à uma hora."),
    ("A festa começou às 0h30.", "A festa começou à meia-noite e trinta."),
    # years and ranges
    ("A Segunda Guerra (1939-1945) mudou tudo.",
     "A Segunda Guerra (mil novecentos e trinta e nove a mil novecentos e quarenta e cinco) mudou tudo."),
    ("A temporada 2019-2020 foi suspensa.", "A temporada dois mil e dezenove a dois mil e vinte foi suspensa."),
    ("Cabral chegou em 1500.", "Cabral chegou em mil e quinhentos."),
    ("O curso dura de 5 a 10 semanas.", "O curso dura de cinco a dez semanas."),
    # ordinals: gender from the written indicator
    ("Ele ficou em 1º lugar.", "Ele ficou em primeiro lugar."),
    ("Ela foi a 2ª colocada.", "Ela foi a segunda colocada."),
    ("O time terminou no 3.º posto.", "O time terminou no terceiro posto."),
    ("É a 21ª edição do festival.", "É a vigésima primeira edição do festival."),
    ("O art. 5º da Constituição.", "O artigo quinto da Constituição."),
    # Roman numerals (Bechara; Ciberdúvidas): ordinal up to ten after the noun, cardinal from eleven
    ("Dom Pedro II governou o Brasil.", "Dom Pedro segundo governou o Brasil."),
    ("No século XXI, tudo mudou.", "No século vinte e um, tudo mudou."),
    ("O papa João Paulo II visitou o país.", "O papa João Paulo segundo visitou o país."),
    ("Bento XVI renunciou.", "Bento dezesseis renunciou."),
    ("A II Guerra Mundial terminou em 1945.",
     "A Segunda Guerra Mundial terminou em mil novecentos e quarenta e cinco."),
    ("D. Maria I era rainha.", "Dona Maria primeira era rainha."),
    ("Leia o capítulo III.", "Leia o capítulo terceiro."),
    # abbreviations and titles
    ("O Sr. Silva e a Sra. Costa chegaram.", "O Senhor Silva e a Senhora Costa chegaram."),
    ("A consulta é com o Dr. Souza ou a Dra. Lima.", "A consulta é com o Doutor Souza ou a Doutora Lima."),
    ("A Prof.ª Ana e o Prof. Carlos vieram.", "A Professora Ana e o Professor Carlos vieram."),
    ("A Profa. Lúcia e o sr. Costa saíram.", "A Professora Lúcia e o senhor Costa saíram."),
    ("Compre frutas, legumes etc.", "Compre frutas, legumes etcétera."),
    ("Use ervas, p. ex. manjericão.", "Use ervas, por exemplo manjericão."),
    ("Veja o nº 5 na pág. 12.", "Veja o número cinco na página doze."),
    # acronyms: said as words (ONU, Otan, Unesco), spelled (PT, STF), expanded (EUA)
    ("A ONU e a OTAN se reuniram.", "A Onu e a Otan se reuniram."),
    ("A UNESCO premiou o projeto.", "A Unesco premiou o projeto."),
    ("O PT recorreu ao STF.", "O P.T recorreu ao S.T.F."),
    ("O acordo com os EUA foi assinado.", "O acordo com os Estados Unidos foi assinado."),
    ("Segundo o IBGE, o PIB cresceu.", "Segundo o I.B.G.E, o Pib cresceu."),
    # units, singular below two
    ("A trilha tem 5 km.", "A trilha tem cinco quilômetros."),
    ("O pacote pesa 1 kg.", "O pacote pesa um quilo."),
    ("Fez 30 °C no Rio.", "Fez trinta graus Celsius no Rio."),
    ("O limite é de 80 km/h.", "O limite é de oitenta quilômetros por hora."),
    ("O apartamento tem 120 m².", "O apartamento tem cento e vinte metros quadrados."),
    ("O celular tem 16 GB.", "O celular tem dezesseis gigabytes."),
    ("O caminhão leva 2 t de carga.", "O caminhão leva duas toneladas de carga."),
    # web: "ponto", "arroba"; hashtags and handles as words
    ("Acesse www.folha.com.br hoje.", "Acesse folha ponto com ponto br hoje."),
    ("Escreva para contato@exemplo.com.br.", "Escreva para contato arroba exemplo ponto com ponto br."),
    ("Veja https://g1.globo.com/economia/noticia.html agora.", "Veja g um ponto globo ponto com agora."),
    ("Use a hashtag #VemPraRua.", "Use a hashtag Vem Pra Rua."),
    ("Siga @folha nas redes.", "Siga folha nas redes."),
    # fractions
    ("Adicione 1/2 xícara de leite.", "Adicione meia xícara de leite."),
    ("Use ½ colher de sal.", "Use meia colher de sal."),
    ("Já foram 3/4 do percurso.", "Já foram três quartos do percurso."),
    ("Sobrou 2/3 do bolo.", "Sobrou dois terços do bolo."),
    # phone numbers: groups digit by digit; Brazil says "meia" for six, Portugal "seis"
    ("Ligue para (11) 98765-4321.", "Ligue para onze, nove oito sete meia cinco, quatro três dois um."),
    ("O SAC atende no (21) 3456-7890.", "O S.A.C atende no vinte e um, três quatro cinco meia, sete oito nove zero."),
    ("Ligue 0800 123 4567.", "Ligue zero oito zero zero, um dois três, quatro cinco meia sete."),
    ("Em Lisboa, ligue +351 912 345 678.",
     "Em Lisboa, ligue mais trezentos e cinquenta e um, nove um dois, três quatro cinco, seis sete oito."),
    # scores and ratios
    ("O placar foi 2-1 para o Flamengo.", "O placar foi dois a um para o Flamengo."),
    ("O Brasil venceu por 2 x 1 a Argentina.", "O Brasil venceu por dois a um a Argentina."),
    ("A vitória por 3:1 classificou o time.", "A vitória por três a um classificou o time."),
    ("A foto 3x4 é obrigatória.", "A foto três por quatro é obrigatória."),
    # already spoken text stays as it is
    ("Ele chegou cedo e saiu tarde.", "Ele chegou cedo e saiu tarde."),
    ("São vinte e duas horas em Brasília.", "São vinte e duas horas em Brasília."),
    ("A Professora Ana falou com o Senhor Silva.", "A Professora Ana falou com o Senhor Silva."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_table(written: str, spoken: str) -> None:
    assert normalize(written, "pt") == spoken


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_spoken_side_is_stable(written: str, spoken: str) -> None:
    assert normalize(spoken, "pt") == spoken
    assert not re.search(r"\d", spoken)


@pytest.mark.parametrize(("text", "expected"), [
    ("O Sr. Silva chegou. Ele sorriu.", ["O Sr. Silva chegou.", "Ele sorriu."]),
    ("Veja p. ex. isto. Depois aquilo.", ["Veja p. ex. isto.", "Depois aquilo."]),
    ("A Dra. Lima e a Profa. Ana falaram. Todos ouviram.", ["A Dra. Lima e a Profa. Ana falaram.", "Todos ouviram."]),
    ("Leia a pág. 12 do vol. 3. Fim.", ["Leia a pág. 12 do vol. 3.", "Fim."]),
    # "etc." is kept with what follows: the normalizer keeps its period before a capital, so the pause stays
    ("Compre pão, leite etc. Depois volte.", ["Compre pão, leite etc. Depois volte."]),
    ("O nº 5 venceu. O 6 perdeu.", ["O nº 5 venceu.", "O 6 perdeu."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text, LANGUAGE.abbreviations, LANGUAGE.ordinal_dot) == expected


@pytest.mark.parametrize("block", [
    "O post Como usar o Image Wand no iOS 18 apareceu primeiro em Olhar Digital.",
    "O post Medidas de Risco em Análise de Redes Financeiras apareceu primeiro em\nIBPAD.",
    "O artigo Receitas de Natal: o bacalhau da avó apareceu primeiro em Meu Blog.",
    "o post Título apareceu primeiro em Meu Blog",
    "O post Nós não somos nossos genes apareceu primeiro em PODEntender - Podcast de divulgação científica e "
    "muita fuleragem.",  # tests/data/real/feeds/wordpress-podentender-pt.xml
    "O post Anna Kendrick revela grupo secreto foi publicado primeiro em Observatório dos Famosos.",
    "Este conteúdo foi publicado primeiro em https://www.dci.com.br/",
])
def test_footers_match_whole_block(block: str) -> None:
    assert any(re.fullmatch(p, block, re.I | re.S) for p in LANGUAGE.footers)


@pytest.mark.parametrize("prose", [
    "A tecnologia apareceu primeiro em telefones celulares e depois em computadores, no ano 2000.",
    "O post que escrevi ontem fala de política.",
    "O artigo foi publicado na revista da universidade.",
])
def test_footers_leave_prose(prose: str) -> None:
    assert not any(re.fullmatch(p, prose, re.I | re.S) for p in LANGUAGE.footers)


def test_calls_to_action_are_regexes() -> None:
    joined = re.compile("|".join(LANGUAGE.calls_to_action), re.I)
    assert joined.search("Inscreva-se na nossa newsletter")
    assert joined.search("Ouça no Spotify")
    assert not joined.search("O governo anunciou o plano ontem.")


@pytest.mark.parametrize(("when", "said"), [
    (date(2026, 11, 27), "27 de novembro de 2026"),
    (date(2025, 5, 1), "1º de maio de 2025"),
    (date(2024, 3, 9), "9 de março de 2024"),
])
def test_date(when: date, said: str) -> None:
    assert LANGUAGE.date(when) == said


def test_date_is_spoken_right() -> None:
    assert normalize(LANGUAGE.date(date(2025, 5, 1)), "pt") == "Primeiro de maio de dois mil e vinte e cinco"


def test_intro_and_outro() -> None:
    fields = {"title": "O futuro do jornalismo", "author": "Ana Souza", "date": LANGUAGE.date(date(2026, 11, 27)),
              "site": "Meu Blog"}
    assert LANGUAGE.intro.format(**fields) == "O futuro do jornalismo, por Ana Souza."
    assert LANGUAGE.outro.format(**fields) == ("Esta foi uma edição em áudio de O futuro do jornalismo, "
                                               "publicada em 27 de novembro de 2026.")


def test_words_and_codes() -> None:
    assert set(WORD_KEYS) <= set(LANGUAGE.words)
    assert all(LANGUAGE.words[k] for k in WORD_KEYS)
    assert (LANGUAGE.code, LANGUAGE.iso639_2, LANGUAGE.name) == ("pt", "por", "português")
    assert len(LANGUAGE.digits) == 10 and LANGUAGE.digits[6] == "seis"
    assert not LANGUAGE.ordinal_dot


@pytest.mark.parametrize(("written", "spoken"), [
    ("O filme I, Tonya estreou.", "O filme I, Tonya estreou."),  # a lone "I" is not a numeral
    ("O Carlos V chegou.", "O Carlos quinto chegou."),
    ("O rei Charles III e Henrique VIII.", "O rei Charles terceiro e Henrique oitavo."),
    ("Leia o Cap. III.", "Leia o capítulo terceiro."),
    ("Vi 2 vezes o mapa e 2 problemas.", "Vi duas vezes o mapa e dois problemas."),
    ("A lei 8.666/93 vale.", "A lei oito mil seiscentos e sessenta e seis barra noventa e três vale."),
    ("Versão 2.0 do iOS 17.2.1.", "Versão dois ponto zero do iOS dezessete ponto dois ponto um."),
    ("Ele disse: NÃO VOU FAZER ISSO.", "Ele disse: não vou fazer isso."),
])
def test_edges(written: str, spoken: str) -> None:
    assert normalize(written, "pt") == spoken

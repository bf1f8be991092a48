-- Words the synthetic newsroom writes with. Content words come roughly most common first: the loader
-- draws them with a Zipf-like law (rank r with a probability near 1/r), so a few words are in most
-- articles and most words in few, as in real text, and searches hit both kinds. ASCII only, so the
-- service's accent folding (Slugs.fold) is plain lower-casing and lower() reproduces it exactly.

create unlogged table function_word (rank int primary key, word text not null);
insert into function_word (rank, word)
select ordinality, w from unnest(string_to_array(
    'the of and to in a for on that with is was as by at from it be are has have will not but after '
    'over its their this said which who into about than more new also had were been they would could '
    'while when where there some most many other such only before between under against during', ' '))
    with ordinality as t(w);

create unlogged table content_word (rank int primary key, word text not null);
insert into content_word (rank, word)
select ordinality, w from unnest(string_to_array(regexp_replace(
    'government people year city country company market report minister state police week health '
    'police election team season money plan system world public million percent policy economy '
    'business party president officials council school water energy prices growth industry data '
    'workers families children women research study program project service community climate '
    'security support change development center court case group vote budget tax bank trade '
    'national local federal region house street hospital doctors patients students teachers '
    'technology internet software computer phone network platform users online digital privacy '
    'cloud models model language artificial intelligence robots chips engineers startup investors '
    'billion deal shares stock profit revenue quarter inflation interest rates jobs wages employment '
    'housing rent mortgage construction transport railway airport flights traffic roads bridge '
    'election campaign candidate voters ballot parliament senate congress law bill reform court '
    'judge trial lawyers rights freedom protest union strike agreement talks summit leaders '
    'border migration refugees war peace military army defence ceasefire sanctions treaty alliance '
    'science scientists space mission rocket satellite planet moon telescope physics chemistry '
    'biology genes cancer vaccine virus disease treatment medicine drug trial nutrition sleep '
    'environment forest ocean river pollution emissions carbon solar wind power electricity grid '
    'battery vehicles electric cars fuel oil gas coal nuclear renewable drought flood storm heat '
    'weather temperature wildfire farmers food harvest crops wheat coffee water supply shortage '
    'culture film music festival album concert artist museum exhibition theatre book novel author '
    'writer poetry television series streaming audience director actor award prize painting '
    'sport football match league cup goal coach player players tennis tournament final champion '
    'cycling race stage runner marathon olympics stadium fans record victory defeat injury transfer '
    'education university college exam teachers classroom curriculum funding tuition graduates '
    'history memory archive heritage architecture design fashion travel tourism hotel restaurant '
    'chef recipe kitchen garden village island coast mountain valley desert lake park wildlife '
    'birds whales bees insects species conservation recycling waste plastic packaging factory '
    'production supply chain shipping port container cargo exports imports tariffs currency euro '
    'dollar yen pound gold bonds debt deficit spending savings pension insurance retail shops '
    'consumers brands advertising media newspaper journalists newsroom editor readers subscription '
    'podcast video social platforms misinformation moderation algorithm search engine browser '
    'hackers breach ransomware passwords encryption identity surveillance cameras drones sensors '
    'hardware processor memory storage servers datacenter cooling efficiency cost costs savings '
    'analysis forecast survey poll results figures numbers evidence experts critics supporters '
    'residents neighbours visitors tourists commuters drivers passengers pilots nurses engineers '
    'mayor governor ministers ministry agency regulator commission committee board executive '
    'chairman founder chief spokesperson statement announcement decision approval ban limit '
    'target goal strategy vision future past decade century morning evening night summer winter '
    'spring autumn january february march april june july august september october november '
    'december monday tuesday wednesday thursday friday saturday sunday early late recent major '
    'small large global regional rural urban northern southern eastern western central coastal '
    'cheap expensive rising falling record strong weak stable uncertain fragile quiet busy open '
    'closed private independent official secret historic modern ancient young older senior junior '
    'first second third final annual monthly weekly daily latest growing shrinking missing hidden '
    'safe dangerous healthy sick fresh green clean dirty fast slow long short deep high low',
    '\s+', ' ', 'g'), ' ')) with ordinality as t(w);

-- Topics: the 60 commonest content words are everyday news language, used in every kind of story;
-- each of the others belongs to one of 18 topics (the subsections of the category tree), so that a
-- topical word is frequent in its topic's articles and rare elsewhere, as in real news, and searches
-- meet both ubiquitous and selective words.
alter table content_word add column topic int, add column topic_rank int;
update content_word set topic = case when rank <= 60 then 0 else 1 + rank % 18 end;
update content_word c set topic_rank = r.topic_rank
from (select rank, row_number() over (partition by topic order by rank) as topic_rank from content_word) r
where r.rank = c.rank;
create unique index on content_word (topic, topic_rank);
create unlogged table topic_size as select topic, count(*)::int as n from content_word group by topic;

-- Tags are topic words, so filtering by tag and searching for the same word meet the same articles.
create unlogged table tag_word (rank int primary key, tag text not null);
insert into tag_word (rank, tag)
select row_number() over (order by min(rank)), initcap(word)
from content_word where length(word) > 3 group by word order by min(rank) limit 300;

create unlogged table first_name (n int primary key, name text not null);
insert into first_name (n, name)
select ordinality, w from unnest(string_to_array(
    'Ada Alan Amara Ana Anders Aisha Ben Bruno Carla Chen Chloe Dara David Diego Elena Emma Farah '
    'Felix Grace Hana Hugo Ines Ivan Jade James Jonas Julia Kai Karin Lena Leo Lucia Malik Maria '
    'Marta Max Mei Mila Nadia Noah Nora Olga Omar Oscar Paul Priya Rafael Rosa Sam Sara Sofia '
    'Tariq Tom Uma Victor Wei Yara Yusuf Zoe', ' ')) with ordinality as t(w);

create unlogged table last_name (n int primary key, name text not null);
insert into last_name (n, name)
select ordinality, w from unnest(string_to_array(
    'Adams Ahmed Almeida Andersen Baker Berg Brown Castro Chen Clarke Costa Dubois Evans Fischer '
    'Garcia Gomez Hansen Hill Ito Jensen Johnson Kaur Khan Kim Klein Kowalski Larsen Lee Lopez '
    'Martin Meyer Moreau Murphy Nagy Nguyen Novak Okafor Olsen Park Patel Petrov Quinn Rossi Santos '
    'Schmidt Silva Singh Smith Tanaka Taylor Torres Varga Walker Wang Weber Wilson Wong Young Zhang', ' '))
    with ordinality as t(w);

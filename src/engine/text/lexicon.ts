/**
 * Small general English lexicons. They describe the language, never a particular corpus:
 * nothing here names an entity, number or sentence of any evaluation set.
 */

export const STOPWORDS = new Set(
  (
    'a an the and or but nor so yet of to in on at by for with from into onto over under about above below ' +
    'as than then that this these those there here it its it\'s is are was were be been being am do does did ' +
    'doing done have has had having he she they them their theirs his her hers him we us our ours you your ' +
    'yours i me my mine who whom whose which what when where why how all any both each few more most other ' +
    'some such only own same too very can could will would shall should may might must just also even still ' +
    'again further once up down out off if because while until whether though although after before during ' +
    'between through against within without per via upon among amid toward towards s t d ll re ve m o ' +
    'one\'s itself himself herself themselves ourselves yourself myself'
  ).split(/\s+/),
);

/** Words that flip the polarity of the predicate that follows them. */
export const NEGATORS = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'none', 'nobody', 'nothing', 'without', 'cannot', 'hardly', 'barely',
  // Verbs that deny the verb after them: "declined to discuss" = "did not discuss".
  'decline', 'declined', 'declines', 'refuse', 'refused', 'refuses', 'fail', 'failed', 'fails', 'avoid', 'avoided', 'avoids',
  // The prefix of "non-binding", split off by the tokenizer: it negates the word after the hyphen.
  'non',
]);

/** Verbs that negate the verb after their "to": "declined to comment", "failed to agree". */
export const NEGATING_VERBS = new Set(['decline', 'declined', 'declines', 'declining', 'refuse', 'refused', 'refuses', 'refusing', 'fail', 'failed', 'fails', 'failing']);

/**
 * Words that make a following "not" negate a predicate rather than a phrase: auxiliaries, modals
 * and copulas ("is not required", "could not agree", "urged him not to").
 */
export const AUXILIARIES = new Set(
  'be is are was were been being am do does did have has had will would shall should can could may might must to need ought'.split(' '),
);

/**
 * After "not", these words turn a predicate negation into something weaker or positive ("not only",
 * "not always", "not all", "not long after"): never the basis of a contradiction. "Not one of the
 * founders" denies membership outright, so "one" is no such word.
 */
export const NOT_QUANTIFIERS = new Set(
  'only just merely simply always necessarily all every everyone everything quite entirely exactly fully least long far nearly totally wholly completely'.split(' '),
);

/** Words that open a new clause: a negation before them does not reach past them. */
export const CLAUSE_OPENERS = new Set(
  'but while whereas although though because unless which who whom whose where when whether if that instead why how'.split(' '),
);

/** Irregular forms mapped to their lemma before stemming, so "met" aligns with "meeting". */
export const IRREGULAR_LEMMAS: Record<string, string> = {
  met: 'meet', said: 'say', says: 'say', told: 'tell', began: 'begin', begun: 'begin', held: 'hold',
  took: 'take', taken: 'take', gave: 'give', given: 'give', made: 'make', won: 'win', lost: 'lose',
  left: 'leave', led: 'lead', sent: 'send', spent: 'spend', spoke: 'speak', spoken: 'speak', wrote: 'write',
  written: 'write', went: 'go', gone: 'go', came: 'come', saw: 'see', seen: 'see', knew: 'know', known: 'know',
  thought: 'think', brought: 'bring', bought: 'buy', sought: 'seek', fought: 'fight', caught: 'catch',
  taught: 'teach', struck: 'strike', stood: 'stand', understood: 'understand', felt: 'feel', kept: 'keep',
  meant: 'mean', paid: 'pay', laid: 'lay', built: 'build', chose: 'choose', chosen: 'choose', drew: 'draw',
  drawn: 'draw', drove: 'drive', driven: 'drive', fell: 'fall', fallen: 'fall', flew: 'fly', flown: 'fly',
  forgot: 'forget', froze: 'freeze', frozen: 'freeze', grew: 'grow', grown: 'grow', hid: 'hide', hit: 'hit',
  rose: 'rise', risen: 'rise', ran: 'run', sold: 'sell', shot: 'shoot', shut: 'shut', sank: 'sink', sat: 'sit',
  slept: 'sleep', stole: 'steal', swore: 'swear', threw: 'throw', thrown: 'throw', woke: 'wake', wore: 'wear',
  withdrew: 'withdraw', withdrawn: 'withdraw', overtook: 'overtake', undertook: 'undertake', arose: 'arise',
  became: 'become', broke: 'break', broken: 'break', dealt: 'deal', found: 'find', got: 'get', gotten: 'get',
  heard: 'hear', lay: 'lie', lent: 'lend', rang: 'ring', rung: 'ring', shook: 'shake', shaken: 'shake',
  swept: 'sweep', tore: 'tear', torn: 'tear', wept: 'weep', children: 'child', men: 'man', women: 'woman',
  people: 'person', feet: 'foot', teeth: 'tooth', mice: 'mouse', lives: 'life', wives: 'wife',
};

/**
 * Groups of words that state the same thing in news prose. Each group maps to its first member,
 * so retrieval and alignment treat them as one term. Kept deliberately small and general.
 */
export const SYNONYM_GROUPS: string[][] = [
  ['say', 'state', 'tell', 'claim', 'add', 'assert', 'declare', 'remark', 'note', 'according', 'argue', 'contend', 'insist'],
  ['talk', 'meeting', 'meet', 'summit', 'negotiation', 'dialogue'],
  ['call', 'conversation', 'phone', 'telephone'],
  ['begin', 'start', 'commence', 'launch'],
  ['end', 'finish', 'conclude', 'stop', 'halt'],
  ['postpone', 'delay', 'defer'],
  ['membership', 'accession'],
  ['plan', 'proposal', 'pitch', 'scheme'],
  ['offer', 'propose', 'willing', 'willingness'],
  ['prepare', 'preparation', 'organize', 'arrange'],
  ['help', 'assist', 'aid', 'assistance'],
  ['big', 'large', 'huge', 'sizable', 'sizeable', 'major'],
  ['small', 'little', 'minor'],
  ['quick', 'fast', 'rapid', 'swift', 'soon', 'shortly'],
  ['buy', 'purchase', 'acquire'],
  ['kill', 'slay'],
  ['die', 'death', 'dead'],
  ['country', 'nation', 'state'],
  ['leader', 'head'],
  ['war', 'conflict', 'fighting'],
  ['presence', 'deployment'],
  ['adviser', 'advisor'],
  ['defense', 'defence'],
  ['offense', 'offence'],
  ['annex', 'annexation'],
  ['pick', 'nominee', 'choice', 'nominate'],
  ['draft', 'conscription', 'mobilization', 'mobilisation'],
  ['army', 'military', 'forces', 'troops'],
  ['support', 'back', 'endorse', 'favor', 'favour'],
  ['reject', 'dismiss', 'rebuff', 'refuse'],
  ['admit', 'acknowledge', 'concede'],
  ['pledge', 'vow', 'promise'],
  ['discover', 'uncover', 'find', 'reveal'],
  ['withdraw', 'pull', 'exit', 'quit'],
  ['finalize', 'finalise', 'settle', 'decide', 'lock'],
  ['discuss', 'comment', 'address'],
  ['possible', 'potential', 'prospective'],
  ['venue', 'location', 'site'],
  ['formally', 'officially'],
  ['kind', 'type', 'sort'],
  ['assume', 'enter'],
  // Joining, and joining again: "reunified in 1990" is another event than "unified in 1871".
  ['unification', 'integration', 'unify', 'integrate'],
  ['reunification', 'reintegration', 'reunify', 'reintegrate'],
  ['reporter', 'journalist', 'correspondent'],
  ['increase', 'rise', 'grow', 'growth', 'climb'],
  ['decrease', 'fall', 'decline', 'drop'],
  ['warm', 'warming', 'heat'],
  ['cause', 'drive', 'lead'],
  // What a storm, a quake or a missile does to a place.
  ['strike', 'hit'],
];

/** Possessive determiners: "its report", "their sons". */
export const POSSESSIVES = ['my', 'your', 'his', 'her', 'its', 'our', 'their'];
/** Personal pronouns that can be a clause's subject. */
export const SUBJECT_PRONOUNS = ['i', 'you', 'he', 'she', 'it', 'we', 'they'];

/**
 * Verb/adjective pairs of opposite polarity. Claiming one where the source says the other is a
 * negation conflict, the same as inserting or removing "not".
 */
export const ANTONYM_PAIRS: [string, string][] = [
  ['confirm', 'deny'], ['accept', 'reject'], ['accept', 'refuse'], ['offer', 'refuse'], ['offer', 'withdraw'],
  ['welcome', 'criticize'], ['welcome', 'condemn'], ['welcome', 'reject'], ['praise', 'criticize'],
  ['praise', 'condemn'], ['support', 'oppose'], ['support', 'reject'], ['approve', 'reject'], ['approve', 'veto'],
  ['approve', 'disapprove'], ['agree', 'disagree'], ['agree', 'refuse'], ['admit', 'deny'], ['include', 'exclude'],
  ['win', 'lose'], ['increase', 'decrease'], ['increase', 'reduce'], ['rise', 'fall'], ['raise', 'lower'], ['expand', 'shrink'], ['expand', 'reduce'], ['strengthen', 'weaken'], ['allow', 'ban'],
  ['allow', 'forbid'], ['allow', 'prohibit'], ['permit', 'ban'], ['legal', 'illegal'], ['succeed', 'fail'],
  ['open', 'close'], ['acquit', 'convict'], ['escalate', 'deescalate'], ['join', 'leave'], ['enter', 'exit'],
  ['arrive', 'depart'], ['attend', 'skip'], ['lift', 'impose'], ['end', 'extend'], ['ease', 'tighten'],
  ['possible', 'impossible'], ['likely', 'unlikely'], ['realistic', 'unrealistic'], ['true', 'false'],
  ['before', 'after'], ['above', 'below'], ['more', 'less'], ['most', 'least'], ['higher', 'lower'],
  ['warm', 'cool'], ['warming', 'cooling'], ['gain', 'loss'], ['positive', 'negative'], ['accelerate', 'slow'],
  ['hire', 'fire'], ['elect', 'defeat'], ['release', 'detain'], ['release', 'arrest'], ['sign', 'refuse'],
  // Outcomes, standings and directions.
  ['success', 'failure'], ['successful', 'failed'], ['victory', 'defeat'], ['profit', 'loss'], ['majority', 'minority'],
  ['guilty', 'innocent'], ['alive', 'dead'], ['maximum', 'minimum'], ['male', 'female'], ['import', 'export'],
  ['temporary', 'permanent'], ['internal', 'external'], ['north', 'south'], ['east', 'west'],
  ['northern', 'southern'], ['eastern', 'western'], ['northernmost', 'southernmost'], ['easternmost', 'westernmost'],
  // Sizes, ages and times, each degree with its own opposite.
  ['early', 'late'], ['earlier', 'later'], ['earliest', 'latest'], ['young', 'old'], ['younger', 'older'],
  ['youngest', 'oldest'], ['youngest', 'eldest'], ['younger', 'elder'], ['long', 'short'], ['longer', 'shorter'],
  ['longest', 'shortest'], ['tall', 'short'], ['taller', 'shorter'], ['tallest', 'shortest'], ['large', 'small'],
  ['larger', 'smaller'], ['largest', 'smallest'], ['big', 'small'], ['bigger', 'smaller'], ['biggest', 'smallest'],
  ['highest', 'lowest'], ['fast', 'slow'], ['faster', 'slower'], ['fastest', 'slowest'], ['wide', 'narrow'],
  ['wider', 'narrower'], ['deep', 'shallow'], ['deeper', 'shallower'], ['hot', 'cold'], ['hotter', 'colder'],
  ['hottest', 'coldest'], ['rich', 'poor'], ['richest', 'poorest'], ['cheap', 'expensive'], ['strong', 'weak'],
  ['strongest', 'weakest'], ['heavy', 'light'], ['heaviest', 'lightest'], ['ancient', 'modern'],
  // Changes in size and number.
  ['double', 'triple'], ['double', 'halve'], ['triple', 'quadruple'], ['cut', 'create'], ['cut', 'raise'],
  ['shed', 'create'], ['land', 'crash'], ['grow', 'shrink'],
];

/**
 * Predicates that hold both ways: "Silva met Costa" says what "Costa met Silva" says, so their
 * arguments may come in either order.
 */
export const SYMMETRIC_PREDICATES = [
  'meet', 'marry', 'divorce', 'date', 'talk', 'speak', 'chat', 'merge', 'border', 'neighbour', 'neighbor', 'negotiate',
  'agree', 'disagree', 'discuss', 'fight', 'clash', 'play', 'face', 'compete', 'partner', 'ally', 'collaborate',
  'cooperate', 'correspond', 'trade', 'share', 'tie', 'draw', 'equal', 'similar', 'different', 'same', 'related',
  'connected', 'linked', 'married', 'engaged', 'allied', 'separate', 'join', 'match', 'resemble', 'rival', 'debate',
];

/** Nouns that name a role or title held by a person. */
export const ROLE_WORDS = new Set(
  (
    'adviser advisor secretary minister president vice chancellor premier editor reporter journalist correspondent ' +
    'spokesman spokeswoman spokesperson envoy ambassador director chief head governor senator congressman ' +
    'congresswoman representative mayor general admiral colonel commander ceo chairman chairwoman chair founder ' +
    'owner leader deputy prosecutor judge justice attorney lawyer officer official diplomat analyst researcher ' +
    'professor scientist economist candidate nominee pick speaker member manager coach captain king queen prince ' +
    'princess emperor pope bishop cardinal prime treasurer auditor inspector commissioner counsel negotiator ' +
    'delegate delegation mediator contributor columnist producer anchor host founder cofounder executive'
  ).split(/\s+/),
);

/** Personal titles that introduce a name. */
export const PERSON_TITLES = new Set(
  (
    'mr mrs ms miss dr prof sir dame lord lady president chancellor minister senator governor mayor general gen ' +
    'col lt capt adm sgt rep sen gov judge justice king queen prince princess pope father sister brother ' +
    'secretary ambassador envoy spokesman spokeswoman editor'
  ).split(/\s+/),
);

/** Words that mark a statement as opinion, speculation or hedging rather than a checkable fact. */
export const OPINION_MARKERS = new Set(
  (
    'think believe feel guess suppose seem seems seemed perhaps maybe arguably hopefully probably possibly ' +
    'opinion imagine wonder should ought fortunately unfortunately sadly clearly obviously surely undoubtedly ' +
    'interesting remarkable amazing terrible wonderful awful best worst beautiful ugly frankly honestly ' +
    'shameful disgraceful outrageous ridiculous absurd brilliant sensible foolish naive laughable'
  ).split(/\s+/),
);

/** Verbs and phrases that attribute a statement to a speaker or source. */
/** Verbs of saying that name their speaker right beside them ("Rui Costa said", "said Rui Costa", '…," she asked'). */
export const SAYING_WORDS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'added', 'adds', 'wrote', 'writes', 'stated', 'states', 'explained', 'noted', 'insisted',
  'argued', 'warned', 'revealed', 'stressed', 'claimed', 'asserted', 'remarked', 'replied', 'responded', 'recalled', 'announced',
  'asked', 'continued',
]);

export const ATTRIBUTION_MARKERS = new Set(
  (
    'say said says told tell tells according reported reports report stated states announced claimed added ' +
    'confirmed denied revealed wrote insisted argued warned noted explained'
  ).split(/\s+/),
);

/**
 * Connectives and comment adverbs that link a sentence to the one before or say how the writer
 * sees it ("however", "in fact", "of course"): they state nothing a source could confirm.
 */
export const DISCOURSE_WORDS = new Set(
  ('however therefore indeed nevertheless nonetheless thus hence moreover furthermore meanwhile additionally ' +
    'consequently accordingly likewise similarly besides notably importantly crucially interestingly ultimately').split(' '),
);
/** Multi-word connectives, as token sequences. */
export const DISCOURSE_PHRASES: readonly (readonly string[])[] = [
  ['in', 'fact'], ['of', 'course'], ['in', 'addition'], ['as', 'a', 'result'], ['in', 'other', 'words'], ['for', 'example'],
  ['for', 'instance'], ['in', 'particular'], ['in', 'turn'], ['after', 'all'], ['above', 'all'], ['by', 'contrast'],
  ['in', 'contrast'], ['on', 'the', 'other', 'hand'],
];

/**
 * Light verbs and fillers that carry little of a statement's content ("took place", "was held",
 * "made a statement"): they count for less when measuring how much of a claim a source states.
 */
export const LIGHT_WORDS = new Set(
  'take place happen occur hold make get go come set put keep give seem become remain do also already currently reportedly previously recently earlier later'.split(/\s+/),
);

/** Cardinal number words up to ninety, as a writer spells small figures out. */
export const CARDINAL_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70,
  eighty: 80, ninety: 90,
};

/** Month names in AP style, as a reporter writes a date in copy: "Jan. 12", "March 3", "Sept. 30". */
export const AP_MONTHS: readonly string[] = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

/** A Roman numeral written in capitals, as in a name ("Henry VIII", "World War II"). */
export const ROMAN_NUMERAL = /^[IVXLC]+$/;

/**
 * Key concepts of the CICA demo profile, in the eight languages Concord ships first. Names follow
 * the registry facts (cica.data.ts); where an official term in a language was not found in the
 * sources, the term is the usual diplomatic rendering and the entry says so in its note.
 */
import type { ConceptInput, ConceptSource, ConceptStatus } from './glossary.ts';

const site = 'https://www.s-cica.org/';

const cbmNoteVi = [
  'Biện pháp xây dựng lòng tin (BPXDLT) là những bước đi tự nguyện mà các quốc gia thực hiện nhằm giảm nghi ngờ, tăng tính minh bạch và khả năng dự báo trong quan hệ với nhau, qua đó hạn chế nguy cơ hiểu lầm dẫn tới xung đột.',
  'Trong khuôn khổ CICA, các biện pháp được sắp xếp theo năm lĩnh vực: quân sự - chính trị; các thách thức và mối đe dọa mới; kinh tế; môi trường; và nhân văn. Danh mục các biện pháp xây dựng lòng tin của CICA được thông qua năm 2004 và được cập nhật năm 2021.',
  'Mọi biện pháp đều mang tính tự nguyện, được thực hiện "bởi các quốc gia có điều kiện thực hiện", được thông qua trên cơ sở đồng thuận và được áp dụng từng bước. Mỗi lĩnh vực có một quốc gia điều phối và các quốc gia đồng điều phối; quốc gia điều phối soạn thảo Tài liệu khái niệm kèm Kế hoạch hành động, được Cuộc họp chuyên gia, Nhóm Công tác Đặc biệt và Ủy ban Quan chức Cấp cao xem xét.',
  'Hằng năm vào tháng Mười Hai, Ủy ban Quan chức Cấp cao phê duyệt Kế hoạch các sự kiện về biện pháp xây dựng lòng tin cho năm tiếp theo; các sự kiện gồm hội thảo, tọa đàm, khóa tập huấn và diễn đàn.',
].join('\n\n');

const cbmNoteZh = [
  '建立信任措施是各国为减少相互猜疑、增加透明度和可预见性而自愿采取的步骤，旨在降低因误解或误判而引发冲突的风险。',
  '在亚信会议框架内，建立信任措施分为五个领域：军事政治领域、新威胁新挑战领域、经济领域、生态领域和人文领域。《亚信建立信任措施目录》于2004年通过，并于2021年更新。',
  '所有措施均为自愿性质，由"有条件的国家"实施，以协商一致方式通过，并循序渐进地推行。每个领域由一个协调国和若干共同协调国负责；协调国起草概念文件及其附件行动计划，经专家会议、特别工作组和高官委员会审议。',
  '每年十二月，高官委员会批准下一年度的建立信任措施活动计划；活动包括研讨会、讲习班、培训和论坛等。',
].join('\n\n');

const cbmNoteEn = [
  'Confidence-building measures are voluntary steps states take to reduce mistrust and increase transparency and predictability in their relations, so that misunderstanding or miscalculation is less likely to lead to conflict.',
  'In CICA they are grouped in five dimensions: military-political; new challenges and threats; economic; environmental; and human. The Catalogue of CICA Confidence Building Measures was adopted in 2004 and updated in 2021.',
  'All measures are voluntary, implemented "by those in a position to do so", agreed by consensus and introduced step by step. Each area has a coordinating state and co-coordinators; the coordinator drafts a Concept Paper with an Action Plan, which the Experts Meeting, the Special Working Group and the Senior Officials Committee consider.',
  'Each December the Senior Officials Committee approves the plan of CBM events for the following year: workshops, seminars, trainings and forums.',
].join('\n\n');

/** Per language: the preferred term, its definition, and any synonyms, abbreviations or long note. */
type Terms = readonly [preferred: string, definition: string, more?: { synonyms?: string[]; abbreviations?: string[]; note?: string }];

/** One key concept from its code, subject, source and terms per language (in the order given). */
function concept(code: string, subject: string, source: ConceptSource, byLanguage: Record<string, Terms>, status: ConceptStatus = 'approved'): ConceptInput {
  return {
    code,
    subject,
    status,
    source,
    languages: Object.entries(byLanguage).map(([lang, [preferred, definition, more]]) => ({ lang, preferred, ...more, definition })),
  };
}

export const demoConcepts: ConceptInput[] = [
  concept('cica', 'Forum', { title: 'Almaty Act, First CICA Summit', date: '2002-06-04', url: site }, {
    en: ['Conference on Interaction and Confidence-Building Measures in Asia', 'A multilateral forum for enhancing cooperation towards promoting peace, security and stability in Asia, proposed by Kazakhstan at the 47th session of the UN General Assembly on 5 October 1992.', { abbreviations: ['CICA'] }],
    ru: ['Совещание по взаимодействию и мерам доверия в Азии', 'Многосторонний форум для развития сотрудничества в целях укрепления мира, безопасности и стабильности в Азии, предложенный Казахстаном на 47-й сессии Генеральной Ассамблеи ООН 5 октября 1992 года.', { abbreviations: ['СВМДА'] }],
    zh: ['亚洲相互协作与信任措施会议', '旨在加强合作、促进亚洲和平、安全与稳定的多边论坛，由哈萨克斯坦于1992年10月5日在第47届联合国大会上倡议成立。', { synonyms: ['亚信'], abbreviations: ['亚信会议'] }],
    vi: ['Hội nghị về Tương tác và các Biện pháp Xây dựng Lòng tin ở châu Á', 'Diễn đàn đa phương nhằm tăng cường hợp tác vì hòa bình, an ninh và ổn định ở châu Á, do Ca-dắc-xtan đề xuất tại khóa họp thứ 47 của Đại hội đồng Liên hợp quốc ngày 5 tháng 10 năm 1992.', { synonyms: ['Hội nghị CICA'], abbreviations: ['CICA'] }],
    ar: ['مؤتمر التفاعل وتدابير بناء الثقة في آسيا', 'منتدى متعدد الأطراف لتعزيز التعاون من أجل السلام والأمن والاستقرار في آسيا، اقترحته كازاخستان في الدورة السابعة والأربعين للجمعية العامة للأمم المتحدة في 5 تشرين الأول/أكتوبر 1992.', { abbreviations: ['سيكا'] }],
    fa: ['کنفرانس تعامل و اقدامات اعتمادساز در آسیا', 'مجمعی چندجانبه برای گسترش همکاری در راه صلح، امنیت و ثبات در آسیا که قزاقستان در چهل‌وهفتمین اجلاس مجمع عمومی سازمان ملل متحد در ۵ اکتبر ۱۹۹۲ پیشنهاد کرد.', { abbreviations: ['سیکا'] }],
    kk: ['Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңес', 'Азиядағы бейбітшілікті, қауіпсіздікті және тұрақтылықты нығайту мақсатында ынтымақтастықты дамытуға арналған көпжақты форум; оны Қазақстан 1992 жылғы 5 қазанда БҰҰ Бас Ассамблеясының 47-сессиясында ұсынды.', { abbreviations: ['АӨСШК'] }],
    tr: ["Asya'da İşbirliği ve Güven Artırıcı Önlemler Konferansı", "Asya'da barış, güvenlik ve istikrarın güçlendirilmesi amacıyla işbirliğini geliştirmeye yönelik çok taraflı bir forum; Kazakistan tarafından 5 Ekim 1992'de BM Genel Kurulu'nun 47. oturumunda önerilmiştir.", { synonyms: ['CICA'], abbreviations: ['AİGK'] }],
  }),
  concept('confidence-building-measures', 'CBM', { title: 'Catalogue of CICA Confidence Building Measures (updated)', date: '2021-10-12', url: site }, {
    en: ['confidence-building measures', 'Voluntary measures by which states increase transparency, predictability and trust in their relations.', { synonyms: ['confidence building measures'], abbreviations: ['CBMs', 'CBM'], note: cbmNoteEn }],
    ru: ['меры доверия', 'Добровольные меры, с помощью которых государства повышают прозрачность, предсказуемость и доверие в отношениях друг с другом.', { synonyms: ['меры укрепления доверия'], abbreviations: ['МД'] }],
    zh: ['建立信任措施', '各国为提高相互关系中的透明度、可预见性和信任而自愿采取的措施。', { synonyms: ['信任措施'], note: cbmNoteZh }],
    vi: ['biện pháp xây dựng lòng tin', 'Các biện pháp tự nguyện mà các quốc gia thực hiện để tăng cường minh bạch, khả năng dự báo và lòng tin trong quan hệ với nhau.', { synonyms: ['các biện pháp xây dựng lòng tin'], abbreviations: ['BPXDLT'], note: cbmNoteVi }],
    ar: ['تدابير بناء الثقة', 'تدابير طوعية تعزز بها الدول الشفافية وإمكانية التنبؤ والثقة في علاقاتها المتبادلة.'],
    fa: ['اقدامات اعتمادساز', 'اقداماتی داوطلبانه که کشورها با آن شفافیت، پیش‌بینی‌پذیری و اعتماد را در روابط خود افزایش می‌دهند.', { synonyms: ['اقدامات اعتمادسازی'] }],
    kk: ['сенім шаралары', 'Мемлекеттер өзара қарым-қатынастағы ашықтықты, болжамдылықты және сенімді арттыратын ерікті шаралар.'],
    tr: ['güven artırıcı önlemler', 'Devletlerin birbirleriyle ilişkilerinde şeffaflığı, öngörülebilirliği ve güveni artırmak için gönüllü olarak aldığı önlemler.', { abbreviations: ['GAÖ'] }],
  }),
  concept('silence-procedure', 'Decision-making', { title: 'CICA Rules of Procedure', date: '2004-10-22', url: site }, {
    en: ['silence procedure', 'A way of taking a decision without a meeting: a proposal is circulated with a deadline and is adopted unless a member state objects before the deadline ("breaks the silence").', { note: 'CICA uses it for approvals by the Senior Officials Committee (for example a two-week silence period), for recommending a candidate for the chairmanship and for appointments to the Council of Eminent Persons. The length of the period is not fixed in the sources found; Concord takes it from the forum profile.' }],
    ru: ['процедура умолчания', 'Способ принятия решения без заседания: предложение рассылается со сроком и считается принятым, если до истечения срока ни одно государство-член не возразит («не нарушит молчание»).'],
    zh: ['沉默程序', '一种无需开会即可作出决定的方式：提案附截止日期分发，若在截止日期前没有成员国提出反对（"打破沉默"），即视为通过。', { synonyms: ['默许程序'] }],
    vi: ['thủ tục im lặng', 'Cách thông qua quyết định mà không cần họp: đề xuất được gửi kèm thời hạn và được coi là thông qua nếu trước thời hạn không có quốc gia thành viên nào phản đối ("phá vỡ sự im lặng").'],
    ar: ['إجراء الصمت', 'طريقة لاتخاذ القرار دون اجتماع: يُعمَّم الاقتراح مع موعد نهائي ويُعدّ معتمدًا ما لم تعترض عليه دولة عضو قبل انقضاء الموعد ("كسر الصمت").'],
    fa: ['رویه سکوت', 'روشی برای تصمیم‌گیری بدون تشکیل جلسه: پیشنهاد با مهلتی توزیع می‌شود و اگر تا پایان مهلت هیچ کشور عضوی اعتراض نکند («سکوت را نشکند»)، تصویب‌شده تلقی می‌شود.'],
    kk: ['үнсіздік рәсімі', 'Отырыссыз шешім қабылдау тәсілі: ұсыныс мерзімімен таратылады және мерзім біткенге дейін бірде-бір мүше мемлекет қарсылық білдірмесе («үнсіздікті бұзбаса»), қабылданды деп саналады.'],
    tr: ['sessizlik prosedürü', 'Toplantı yapılmadan karar alma yöntemi: öneri bir süreyle dağıtılır ve süre dolmadan hiçbir üye devlet itiraz etmezse ("sessizliği bozmazsa") kabul edilmiş sayılır.'],
  }),
  concept('consensus', 'Decision-making', { title: 'CICA Rules of Procedure', date: '2004-10-22', url: site }, {
    en: ['consensus', 'Adoption of a decision without a vote, when no member state objects. CICA decides by consensus at every level; all members have equal status.', { note: 'No written definition of consensus was found in the CICA sources; in practice a decision is adopted when no objection is raised. Concord records each member state’s position and lets the forum profile choose between "no objection" and "unanimity".' }],
    ru: ['консенсус', 'Принятие решения без голосования при отсутствии возражений со стороны государств-членов.'],
    zh: ['协商一致', '在没有成员国反对的情况下，不经表决通过决定。', { synonyms: ['共识'] }],
    vi: ['đồng thuận', 'Việc thông qua quyết định không qua biểu quyết khi không có quốc gia thành viên nào phản đối.', { synonyms: ['nguyên tắc đồng thuận'] }],
    ar: ['توافق الآراء', 'اعتماد القرار دون تصويت عندما لا تعترض عليه أي دولة عضو.'],
    fa: ['اجماع', 'تصویب تصمیم بدون رأی‌گیری، هنگامی که هیچ کشور عضوی مخالفت نکند.'],
    kk: ['консенсус', 'Мүше мемлекеттердің ешқайсысы қарсылық білдірмеген жағдайда шешімді дауыс бермей қабылдау.'],
    tr: ['uzlaşı', 'Hiçbir üye devletin itiraz etmemesi hâlinde bir kararın oylamaya gidilmeden kabul edilmesi.', { synonyms: ['konsensüs'] }],
  }),
  concept('senior-officials-committee', 'Bodies', { title: 'Astana Statement on CICA Transformation', date: '2022-10-13', url: site }, {
    en: ['Senior Officials Committee', 'The body that meets at least once a year, follows up decisions, oversees the Special Working Group, adopts the annual CBM plan and the budget, and recommends decisions to the Ministerial Council and the Summit.', { abbreviations: ['SOC'] }],
    ru: ['Комитет старших должностных лиц', 'Орган, который собирается не реже одного раза в год, контролирует выполнение решений, руководит работой Специальной рабочей группы, утверждает ежегодный план мер доверия и бюджет.', { abbreviations: ['КСДЛ'] }],
    zh: ['高官委员会', '每年至少举行一次会议的机构，负责跟踪决定的落实、指导特别工作组、通过年度建立信任措施计划和预算。'],
    vi: ['Ủy ban Quan chức Cấp cao', 'Cơ quan họp ít nhất mỗi năm một lần, theo dõi việc thực hiện các quyết định, chỉ đạo Nhóm Công tác Đặc biệt, thông qua kế hoạch biện pháp xây dựng lòng tin hằng năm và ngân sách.'],
    ar: ['لجنة كبار المسؤولين', 'هيئة تجتمع مرة واحدة على الأقل في السنة، تتابع تنفيذ القرارات وتشرف على الفريق العامل الخاص وتعتمد الخطة السنوية لتدابير بناء الثقة والميزانية.'],
    fa: ['کمیته مقامات ارشد', 'نهادی که دست‌کم سالی یک بار تشکیل جلسه می‌دهد، اجرای تصمیم‌ها را پیگیری می‌کند، بر گروه کاری ویژه نظارت دارد و برنامه سالانه اقدامات اعتمادساز و بودجه را تصویب می‌کند.'],
    kk: ['Аға лауазымды тұлғалар комитеті', 'Жылына кемінде бір рет жиналатын, шешімдердің орындалуын қадағалайтын, Арнайы жұмыс тобын басқаратын, сенім шараларының жылдық жоспары мен бюджетті бекітетін орган.'],
    tr: ['Kıdemli Memurlar Komitesi', 'Yılda en az bir kez toplanan, kararların uygulanmasını izleyen, Özel Çalışma Grubunu yönlendiren, yıllık güven artırıcı önlemler planını ve bütçeyi kabul eden organ.'],
  }),
  concept('special-working-group', 'Bodies', { title: 'CICA structure', date: '2022-10-13', url: site }, {
    en: ['Special Working Group', 'The body that drafts texts and reports to the Senior Officials Committee; it often meets online just before it.', { abbreviations: ['SWG'] }],
    ru: ['Специальная рабочая группа', 'Орган, который готовит проекты документов и отчитывается перед Комитетом старших должностных лиц.', { abbreviations: ['СРГ'] }],
    zh: ['特别工作组', '负责起草文件并向高官委员会报告的机构。'],
    vi: ['Nhóm Công tác Đặc biệt', 'Cơ quan soạn thảo văn kiện và báo cáo lên Ủy ban Quan chức Cấp cao.'],
    ar: ['الفريق العامل الخاص', 'هيئة تعدّ مشاريع النصوص وترفع تقاريرها إلى لجنة كبار المسؤولين.'],
    fa: ['گروه کاری ویژه', 'نهادی که پیش‌نویس متن‌ها را تهیه می‌کند و به کمیته مقامات ارشد گزارش می‌دهد.'],
    kk: ['Арнайы жұмыс тобы', 'Құжаттардың жобаларын дайындап, Аға лауазымды тұлғалар комитетіне есеп беретін орган.'],
    tr: ['Özel Çalışma Grubu', 'Metin taslaklarını hazırlayan ve Kıdemli Memurlar Komitesine rapor veren organ.'],
  }),
  concept('secretariat', 'Bodies', { title: 'Second CICA Summit', date: '2006-06-17', url: site }, {
    en: ['Secretariat', 'The permanent administrative body of CICA in Astana, headed by the Secretary General (Executive Director until 2022).'],
    ru: ['Секретариат', 'Постоянный административный орган СВМДА в Астане, возглавляемый Генеральным секретарём (до 2022 года — Исполнительным директором).'],
    zh: ['秘书处', '亚信会议设在阿斯塔纳的常设行政机构，由秘书长领导（2022年前为执行主任）。'],
    vi: ['Ban Thư ký', 'Cơ quan hành chính thường trực của CICA tại A-xta-na, do Tổng Thư ký đứng đầu (trước năm 2022 là Giám đốc Điều hành).'],
    ar: ['الأمانة العامة', 'الهيئة الإدارية الدائمة لمؤتمر سيكا في أستانا، يرأسها الأمين العام (المدير التنفيذي حتى عام 2022).'],
    fa: ['دبیرخانه', 'نهاد اداری دائمی سیکا در آستانه به ریاست دبیرکل (تا سال ۲۰۲۲ مدیر اجرایی).'],
    kk: ['Хатшылық', 'АӨСШК-нің Астанадағы тұрақты әкімшілік органы; оны Бас хатшы басқарады (2022 жылға дейін — Атқарушы директор).'],
    tr: ['Sekretarya', "AİGK'nin Astana'daki daimi idari organı; Genel Sekreter tarafından yönetilir (2022'ye kadar İcra Direktörü)."],
  }),
  concept('ministerial-council', 'Bodies', { title: 'Astana Statement on CICA Transformation', date: '2022-10-13', url: site }, {
    en: ['Ministerial Council', 'The central decision-making body of the ministers for foreign affairs; it meets every four years, two years after the Summit. Called the Ministerial Meeting until 2022.', { synonyms: ['Ministerial Meeting'] }],
    ru: ['Совет министров иностранных дел', 'Центральный директивный орган министров иностранных дел; собирается раз в четыре года, через два года после саммита.', { synonyms: ['Совещание министров иностранных дел'] }],
    zh: ['外长理事会', '由各国外交部长组成的核心决策机构，每四年举行一次，在峰会两年后召开。', { synonyms: ['亚信外长会议'] }],
    vi: ['Hội đồng Bộ trưởng', 'Cơ quan ra quyết định trung tâm gồm các bộ trưởng ngoại giao, họp bốn năm một lần, hai năm sau Hội nghị Thượng đỉnh.', { synonyms: ['Hội nghị Bộ trưởng Ngoại giao'] }],
    ar: ['المجلس الوزاري', 'الهيئة المركزية لصنع القرار المؤلفة من وزراء الخارجية، تجتمع كل أربع سنوات بعد القمة بعامين.', { synonyms: ['الاجتماع الوزاري'] }],
    fa: ['شورای وزیران', 'نهاد اصلی تصمیم‌گیری متشکل از وزیران امور خارجه که هر چهار سال، دو سال پس از اجلاس سران، تشکیل می‌شود.', { synonyms: ['نشست وزیران امور خارجه'] }],
    kk: ['Сыртқы істер министрлері кеңесі', 'Сыртқы істер министрлерінен тұратын негізгі шешім қабылдаушы орган; төрт жылда бір рет, саммиттен екі жыл өткен соң жиналады.'],
    tr: ['Bakanlar Konseyi', 'Dışişleri bakanlarından oluşan temel karar organı; dört yılda bir, Zirveden iki yıl sonra toplanır.', { synonyms: ['Bakanlar Toplantısı'] }],
  }),
  concept('council-of-heads-of-state', 'Bodies', { title: 'Astana Statement on CICA Transformation', date: '2022-10-13', url: site }, {
    en: ['Council of Heads of State or Government', 'The highest level of CICA, meeting every four years. Called the Summit until 2022.', { synonyms: ['Summit'] }],
    ru: ['Совет глав государств и правительств', 'Высший уровень СВМДА; собирается раз в четыре года. До 2022 года — Саммит.', { synonyms: ['Саммит'] }],
    zh: ['国家元首和政府首脑理事会', '亚信会议的最高级别机制，每四年举行一次；2022年前称为亚信峰会。', { synonyms: ['亚信峰会'] }],
    vi: ['Hội đồng Nguyên thủ Quốc gia và Người đứng đầu Chính phủ', 'Cấp cao nhất của CICA, họp bốn năm một lần; trước năm 2022 gọi là Hội nghị Thượng đỉnh.', { synonyms: ['Hội nghị Thượng đỉnh CICA'] }],
    ar: ['مجلس رؤساء الدول والحكومات', 'أعلى مستوى في مؤتمر سيكا، يجتمع كل أربع سنوات؛ وكان يسمى القمة حتى عام 2022.', { synonyms: ['القمة'] }],
    fa: ['شورای سران کشورها و دولت‌ها', 'بالاترین سطح سیکا که هر چهار سال یک بار تشکیل می‌شود؛ تا سال ۲۰۲۲ اجلاس سران نامیده می‌شد.', { synonyms: ['اجلاس سران'] }],
    kk: ['Мемлекет және үкімет басшыларының кеңесі', 'АӨСШК-нің ең жоғары деңгейі; төрт жылда бір рет жиналады. 2022 жылға дейін Саммит деп аталды.', { synonyms: ['Саммит'] }],
    tr: ['Devlet ve Hükümet Başkanları Konseyi', "AİGK'nin en üst düzeyi; dört yılda bir toplanır. 2022'ye kadar Zirve olarak anılıyordu.", { synonyms: ['Zirve'] }],
  }),
];

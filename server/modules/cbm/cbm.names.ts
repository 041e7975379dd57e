/**
 * The names of the CBM dimensions and priority areas (and the demo measures' text and the Catalogue
 * versions' titles) in the interface languages besides English and Russian, which the registry facts
 * (registry/cica.data.ts) carry. Merged over those facts when the catalogue is loaded, so a page read in
 * Arabic or Chinese shows the catalogue in that language. The facts' own en/ru always win.
 */

type Names = Record<string, string>;

/** The languages of the web interface: the catalogue is given in each. */
export const catalogueLanguages = ['en', 'ru', 'zh', 'vi', 'ar', 'fa', 'kk', 'tr'] as const;

/** zh, vi, ar, fa, kk, tr names by dimension code or area code. */
export const cbmNameTranslations: Readonly<Record<string, Names>> = {
  // Dimensions ----------------------------------------------------------------------------------------
  MP: { zh: '军事政治领域', vi: 'Lĩnh vực quân sự – chính trị', ar: 'البعد العسكري السياسي', fa: 'بعد نظامی ـ سیاسی', kk: 'Әскери-саяси өлшем', tr: 'Askeri-siyasi boyut' },
  NCT: { zh: '新威胁新挑战', vi: 'Các thách thức và mối đe dọa mới', ar: 'التحديات والتهديدات الجديدة', fa: 'چالش‌ها و تهدیدهای جدید', kk: 'Жаңа сын-қатерлер мен қауіптер', tr: 'Yeni sınamalar ve tehditler' },
  ECO: { zh: '经济领域', vi: 'Lĩnh vực kinh tế', ar: 'البعد الاقتصادي', fa: 'بعد اقتصادی', kk: 'Экономикалық өлшем', tr: 'Ekonomik boyut' },
  ENV: { zh: '生态领域', vi: 'Lĩnh vực môi trường', ar: 'البعد البيئي', fa: 'بعد زیست‌محیطی', kk: 'Экологиялық өлшем', tr: 'Çevresel boyut' },
  HUM: { zh: '人文领域', vi: 'Lĩnh vực nhân văn', ar: 'البعد الإنساني', fa: 'بعد انسانی', kk: 'Гуманитарлық өлшем', tr: 'İnsani boyut' },

  // Military-political ----------------------------------------------------------------------------------
  'MP.1': {
    zh: '交流有关武装力量、国防预算和外国驻军的信息及军事演习通报',
    vi: 'Trao đổi thông tin về lực lượng vũ trang, ngân sách quốc phòng, quân đội nước ngoài và thông báo về các cuộc tập trận',
    ar: 'تبادل المعلومات بشأن القوات المسلحة والميزانيات الدفاعية والقوات الأجنبية والإخطار بالتدريبات العسكرية',
    fa: 'تبادل اطلاعات درباره نیروهای مسلح، بودجه‌های دفاعی و نیروهای خارجی و اطلاع‌رسانی رزمایش‌ها',
    kk: 'Қарулы күштер, қорғаныс бюджеттері, шетелдік әскерлер туралы ақпарат алмасу және жаттығулар туралы хабарлау',
    tr: 'Silahlı kuvvetler, savunma bütçeleri ve yabancı birlikler hakkında bilgi değişimi ile tatbikatların bildirilmesi',
  },
  'MP.2': { zh: '军事演习观察员', vi: 'Quan sát viên tại các cuộc tập trận quân sự', ar: 'المراقبون في التدريبات العسكرية', fa: 'ناظران رزمایش‌های نظامی', kk: 'Әскери жаттығулардағы бақылаушылар', tr: 'Askeri tatbikatlarda gözlemciler' },
  'MP.3': {
    zh: '就危险军事事件进行磋商',
    vi: 'Tham vấn về các sự cố quân sự nguy hiểm',
    ar: 'المشاورات بشأن الحوادث العسكرية الخطرة',
    fa: 'رایزنی درباره حوادث نظامی خطرناک',
    kk: 'Қауіпті әскери оқиғалар бойынша консультациялар',
    tr: 'Tehlikeli askeri olaylara ilişkin istişareler',
  },
  'MP.4': { zh: '军事访问', vi: 'Các chuyến thăm quân sự', ar: 'الزيارات العسكرية', fa: 'بازدیدهای نظامی', kk: 'Әскери сапарлар', tr: 'Askeri ziyaretler' },
  'MP.5': {
    zh: '交换高级军官履历',
    vi: 'Trao đổi lý lịch của các sĩ quan quân đội cấp cao',
    ar: 'تبادل السير الذاتية لكبار الضباط العسكريين',
    fa: 'تبادل زندگی‌نامه افسران ارشد نظامی',
    kk: 'Жоғары әскери басшылардың өмірбаяндарымен алмасу',
    tr: 'Üst düzey askeri yetkililerin özgeçmişlerinin paylaşılması',
  },
  'MP.6': {
    zh: '军备控制条约的状况',
    vi: 'Tình trạng các điều ước về kiểm soát vũ khí',
    ar: 'حالة معاهدات الحد من التسلح',
    fa: 'وضعیت معاهدات کنترل تسلیحات',
    kk: 'Қару-жарақты бақылау жөніндегі шарттардың мәртебесі',
    tr: 'Silahların kontrolü antlaşmalarının durumu',
  },

  // New challenges and threats --------------------------------------------------------------------------
  'NCT.1': { zh: '打击恐怖主义', vi: 'Chống khủng bố', ar: 'مكافحة الإرهاب', fa: 'مبارزه با تروریسم', kk: 'Терроризмге қарсы күрес', tr: 'Terörle mücadele' },
  'NCT.2': {
    zh: '新威胁新挑战综合问题（有组织犯罪、非法贩运、小武器和轻武器、大规模杀伤性武器）',
    vi: 'Các thách thức và mối đe dọa mới, vấn đề chung (tội phạm có tổ chức, buôn bán bất hợp pháp, vũ khí nhỏ và vũ khí hạng nhẹ, vũ khí hủy diệt hàng loạt)',
    ar: 'التحديات والتهديدات الجديدة، مسائل عامة (الجريمة المنظمة والاتجار غير المشروع والأسلحة الصغيرة والأسلحة الخفيفة وأسلحة الدمار الشامل)',
    fa: 'چالش‌ها و تهدیدهای جدید، مسائل عمومی (جرایم سازمان‌یافته، قاچاق، سلاح‌های کوچک و سبک، سلاح‌های کشتار جمعی)',
    kk: 'Жаңа сын-қатерлер мен қауіптер, жалпы мәселелер (ұйымдасқан қылмыс, заңсыз айналым, атыс қаруы мен жеңіл қару, жаппай қырып-жою қаруы)',
    tr: 'Yeni sınamalar ve tehditler, genel (örgütlü suçlar, kaçakçılık, küçük ve hafif silahlar, kitle imha silahları)',
  },
  'NCT.3': { zh: '非法毒品', vi: 'Ma túy bất hợp pháp', ar: 'المخدرات غير المشروعة', fa: 'مواد مخدر غیرقانونی', kk: 'Есірткінің заңсыз айналымы', tr: 'Yasadışı uyuşturucular' },
  'NCT.4': {
    zh: '流行病安全与公共卫生',
    vi: 'An ninh dịch tễ và y tế công cộng',
    ar: 'السلامة الوبائية والصحة العامة',
    fa: 'ایمنی همه‌گیرشناختی و سلامت عمومی',
    kk: 'Эпидемиологиялық қауіпсіздік және қоғамдық денсаулық сақтау',
    tr: 'Epidemiyolojik güvenlik ve halk sağlığı',
  },
  'NCT.5': {
    zh: '信息通信技术使用安全',
    vi: 'An ninh trong sử dụng công nghệ thông tin và truyền thông',
    ar: 'الأمن في استخدام تكنولوجيا المعلومات والاتصالات',
    fa: 'امنیت در استفاده از فناوری اطلاعات و ارتباطات',
    kk: 'Ақпараттық-коммуникациялық технологияларды пайдалану саласындағы қауіпсіздік',
    tr: 'Bilgi ve iletişim teknolojilerinin kullanımında güvenlik',
  },

  // Economic --------------------------------------------------------------------------------------------
  'ECO.1': { zh: '中小企业', vi: 'Doanh nghiệp nhỏ và vừa', ar: 'المؤسسات الصغيرة والمتوسطة', fa: 'بنگاه‌های کوچک و متوسط', kk: 'Шағын және орта кәсіпкерлік', tr: 'Küçük ve orta ölçekli işletmeler' },
  'ECO.2': { zh: '农业', vi: 'Nông nghiệp', ar: 'الزراعة', fa: 'کشاورزی', kk: 'Ауыл шаруашылығы', tr: 'Tarım' },
  'ECO.3': { zh: '信息技术', vi: 'Công nghệ thông tin', ar: 'تكنولوجيا المعلومات', fa: 'فناوری اطلاعات', kk: 'Ақпараттық технологиялар', tr: 'Bilgi teknolojileri' },
  'ECO.4': { zh: '旅游', vi: 'Du lịch', ar: 'السياحة', fa: 'گردشگری', kk: 'Туризм', tr: 'Turizm' },
  'ECO.5': { zh: '交通运输走廊', vi: 'Hành lang giao thông vận tải', ar: 'ممرات النقل', fa: 'کریدورهای حمل‌ونقل', kk: 'Көлік дәліздері', tr: 'Ulaştırma koridorları' },
  'ECO.6': { zh: '能源安全', vi: 'An ninh năng lượng', ar: 'أمن الطاقة', fa: 'امنیت انرژی', kk: 'Энергетикалық қауіпсіздік', tr: 'Enerji güvenliği' },
  'ECO.7': { zh: '金融', vi: 'Tài chính', ar: 'المالية', fa: 'امور مالی', kk: 'Қаржы', tr: 'Finans' },
  'ECO.8': { zh: '贸易与投资', vi: 'Thương mại và đầu tư', ar: 'التجارة والاستثمار', fa: 'تجارت و سرمایه‌گذاری', kk: 'Сауда және инвестициялар', tr: 'Ticaret ve yatırım' },

  // Environmental ---------------------------------------------------------------------------------------
  'ENV.1': {
    zh: '交流环境政策和可持续发展实践经验',
    vi: 'Chia sẻ chính sách môi trường và thực tiễn phát triển bền vững',
    ar: 'تبادل الخبرات في السياسات البيئية وممارسات التنمية المستدامة',
    fa: 'تبادل تجربه در سیاست‌های زیست‌محیطی و شیوه‌های توسعه پایدار',
    kk: 'Экологиялық саясат пен тұрақты даму тәжірибесімен алмасу',
    tr: 'Çevre politikası ve sürdürülebilir kalkınma uygulamalarının paylaşılması',
  },
  'ENV.2': {
    zh: '灾害管理、早期预警和联合搜救',
    vi: 'Quản lý thiên tai, cảnh báo sớm và tìm kiếm cứu nạn chung',
    ar: 'إدارة الكوارث والإنذار المبكر وعمليات البحث والإنقاذ المشتركة',
    fa: 'مدیریت بلایا، هشدار زودهنگام و جست‌وجو و نجات مشترک',
    kk: 'Апаттарды басқару, ерте ескерту және бірлескен іздестіру-құтқару жұмыстары',
    tr: 'Afet yönetimi, erken uyarı ve ortak arama kurtarma',
  },
  'ENV.3': { zh: '联合项目', vi: 'Các chương trình chung', ar: 'البرامج المشتركة', fa: 'برنامه‌های مشترک', kk: 'Бірлескен бағдарламалар', tr: 'Ortak programlar' },
  'ENV.4': {
    zh: '向邻国通报灾害',
    vi: 'Cảnh báo các quốc gia láng giềng về thiên tai',
    ar: 'إنذار الدول المجاورة بالكوارث',
    fa: 'هشدار به کشورهای همسایه درباره بلایا',
    kk: 'Көрші мемлекеттерге апаттар туралы хабарлау',
    tr: 'Komşu devletlerin afetler konusunda uyarılması',
  },

  // Human -----------------------------------------------------------------------------------------------
  'HUM.1': { zh: '文明对话', vi: 'Đối thoại giữa các nền văn minh', ar: 'حوار الحضارات', fa: 'گفت‌وگوی تمدن‌ها', kk: 'Өркениеттер диалогы', tr: 'Medeniyetler diyaloğu' },
  'HUM.2': { zh: '媒体', vi: 'Truyền thông', ar: 'وسائل الإعلام', fa: 'رسانه‌ها', kk: 'Бұқаралық ақпарат құралдары', tr: 'Medya' },
  'HUM.3': {
    zh: '文化、教育和科学交流',
    vi: 'Giao lưu văn hóa, giáo dục và khoa học',
    ar: 'التبادل الثقافي والتعليمي والعلمي',
    fa: 'تبادلات فرهنگی، آموزشی و علمی',
    kk: 'Мәдени, білім беру және ғылыми алмасу',
    tr: 'Kültürel, eğitsel ve bilimsel değişim',
  },
  'HUM.4': { zh: '联合考古研究', vi: 'Nghiên cứu khảo cổ chung', ar: 'البحوث الأثرية المشتركة', fa: 'پژوهش‌های باستان‌شناسی مشترک', kk: 'Бірлескен археологиялық зерттеулер', tr: 'Ortak arkeolojik araştırmalar' },
  'HUM.5': { zh: '基本权利', vi: 'Các quyền cơ bản', ar: 'الحقوق الأساسية', fa: 'حقوق بنیادین', kk: 'Негізгі құқықтар', tr: 'Temel haklar' },
};

/** The facts' names with the translations added; the facts' own languages are kept as they are. */
export function withTranslations(code: string, names: Names): Names {
  return { ...(cbmNameTranslations[code] ?? {}), ...names };
}

/** The demo measures' text ("<area>. Measures are voluntary…") in every interface language. */
export function measureText(name: Names): Names {
  const n = (lang: string) => name[lang] ?? name.en;
  return {
    en: `${n('en')}. Measures are voluntary, taken by the states in a position to do so and introduced step by step.`,
    ru: `${n('ru')}. Меры носят добровольный характер, осуществляются государствами, которые в состоянии это сделать, и вводятся поэтапно.`,
    zh: `${n('zh')}。各项措施均属自愿性质，由有能力的国家实施，并循序渐进地推行。`,
    vi: `${n('vi')}. Các biện pháp mang tính tự nguyện, do các quốc gia có điều kiện thực hiện và được áp dụng từng bước.`,
    ar: `${n('ar')}. التدابير طوعية، تتخذها الدول القادرة على ذلك، وتُطبَّق تدريجياً.`,
    fa: `${n('fa')}. این اقدامات داوطلبانه‌اند، کشورهایی که توانایی آن را دارند آن‌ها را اتخاذ می‌کنند و گام‌به‌گام اجرا می‌شوند.`,
    kk: `${n('kk')}. Шаралар ерікті сипатта болады, оларды мүмкіндігі бар мемлекеттер жүзеге асырады және кезең-кезеңімен енгізіледі.`,
    tr: `${n('tr')}. Tedbirler gönüllülük esasına dayanır; bunu yapabilecek durumdaki devletlerce alınır ve adım adım uygulanır.`,
  };
}

/** The Catalogue versions' titles in every interface language. */
export const versionTitles: Readonly<Record<'2004' | '2021', Names>> = {
  '2004': {
    en: 'Catalogue of CICA Confidence-Building Measures (2004)',
    ru: 'Каталог мер доверия СВМДА (2004)',
    zh: '亚信建立信任措施目录（2004年）',
    vi: 'Danh mục các biện pháp xây dựng lòng tin của CICA (2004)',
    ar: 'قائمة تدابير بناء الثقة لمؤتمر التفاعل وتدابير بناء الثقة في آسيا (2004)',
    fa: 'فهرست اقدامات اعتمادساز سیکا (2004)',
    kk: 'АӨСШК сенім шараларының каталогы (2004)',
    tr: 'AİGK Güven Artırıcı Önlemler Kataloğu (2004)',
  },
  '2021': {
    en: 'Catalogue of CICA Confidence-Building Measures, updated (2021)',
    ru: 'Обновлённый Каталог мер доверия СВМДА (2021)',
    zh: '亚信建立信任措施目录（2021年更新版）',
    vi: 'Danh mục các biện pháp xây dựng lòng tin của CICA, bản cập nhật (2021)',
    ar: 'قائمة تدابير بناء الثقة لمؤتمر التفاعل وتدابير بناء الثقة في آسيا، النسخة المحدثة (2021)',
    fa: 'فهرست به‌روزشده اقدامات اعتمادساز سیکا (2021)',
    kk: 'АӨСШК сенім шараларының жаңартылған каталогы (2021)',
    tr: 'AİGK Güven Artırıcı Önlemler Kataloğu, güncellenmiş (2021)',
  },
};

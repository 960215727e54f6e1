import type { Lang } from '../model'

// Given names and family names per language, common enough that no single real person is
// meant. Arabic, Hindi and Japanese names carry a Latin spelling after '|' for user names,
// which platforms restrict to ASCII.

interface NameList {
  first: string[]
  last: string[]
  /** Japanese shows the family name first, with no space: 佐藤陽菜. */
  familyFirst?: boolean
}

export const NAMES: Record<Lang, NameList> = {
  en: {
    first: ['Sarah', 'James', 'Emily', 'Daniel', 'Grace', 'Michael', 'Hannah', 'Tom', 'Olivia', 'Ben', 'Rachel', 'Chris', 'Laura', 'Sam', 'Kate', 'David', 'Joy', 'Peter', 'Ruth', 'Alex'],
    last: ['Turner', 'Mensah', 'Walker', 'Okafor', 'Hughes', 'Bennett', 'Patel', 'Clarke', 'Adeyemi', 'Reid', 'Morgan', 'Kelly', 'Fraser', 'Owusu', 'Sutton', 'Nash', 'Green', 'Foster'],
  },
  fr: {
    first: ['Aminata', 'Moussa', 'Fatoumata', 'Ibrahim', 'Mariam', 'Oumar', 'Awa', 'Seydou', 'Aïssatou', 'Boubacar', 'Claire', 'Julien', 'Hawa', 'Adama', 'Safiatou', 'Mamadou', 'Élodie', 'Issa', 'Kadiatou', 'Souleymane'],
    last: ['Traoré', 'Diallo', 'Ouédraogo', 'Sawadogo', 'Coulibaly', 'Keïta', 'Diarra', 'Konaté', 'Maïga', 'Cissé', 'Kaboré', 'Sanogo', 'Touré', 'Bamba', 'Dembélé', 'Lefèvre', 'Moreau', 'Issoufou'],
  },
  es: {
    first: ['Valentina', 'Camila', 'Mateo', 'Santiago', 'Lucía', 'Daniela', 'Andrés', 'Sofía', 'Diego', 'Mariana', 'Javier', 'Paula', 'Carlos', 'Gabriela', 'Felipe', 'Ximena', 'Tomás', 'Natalia', 'Rodrigo', 'Carolina'],
    last: ['Rodríguez', 'Gómez', 'Martínez', 'López', 'Hernández', 'Ramírez', 'Torres', 'Vargas', 'Rojas', 'Castro', 'Mendoza', 'Quispe', 'Flores', 'Ríos', 'Herrera', 'Morales', 'Ortiz', 'Salazar'],
  },
  pt: {
    first: ['Ana', 'João', 'Mariana', 'Pedro', 'Beatriz', 'Lucas', 'Juliana', 'Rafael', 'Camila', 'Thiago', 'Larissa', 'Gabriel', 'Fernanda', 'Bruno', 'Luana', 'Felipe', 'Raquel', 'Caio', 'Tainá', 'Renata'],
    last: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Pereira', 'Costa', 'Almeida', 'Ferreira', 'Rodrigues', 'Lima', 'Carvalho', 'Ribeiro', 'Araújo', 'Barbosa', 'Moreira', 'Nascimento', 'Cardoso', 'Teixeira'],
  },
  ar: {
    first: ['أحمد|ahmad', 'فاطمة|fatima', 'محمد|mohammad', 'مريم|maryam', 'خالد|khaled', 'نور|nour', 'يوسف|yousef', 'ليلى|layla', 'عمر|omar', 'رنا|rana', 'سامي|sami', 'هبة|heba', 'كريم|karim', 'سلمى|salma', 'طارق|tarek', 'دينا|dina', 'بلال|bilal', 'رشا|rasha', 'زياد|ziad', 'ياسمين|yasmin'],
    last: ['الخطيب|alkhatib', 'حداد|haddad', 'النجار|alnajjar', 'العلي|alali', 'منصور|mansour', 'الحسن|alhassan', 'عبد الله|abdallah', 'الشامي|alshami', 'سليمان|suleiman', 'عيسى|issa', 'الزعبي|alzoubi', 'درويش|darwish', 'العمري|alomari', 'قاسم|qassem', 'يونس|younes', 'صالح|saleh'],
  },
  sw: {
    first: ['Amani', 'Neema', 'Baraka', 'Zawadi', 'Juma', 'Rehema', 'Otieno', 'Wanjiru', 'Halima', 'Kamau', 'Faraja', 'Achieng', 'Bakari', 'Imani', 'Mwajuma', 'Kibet', 'Subira', 'Omondi', 'Nafula', 'Salim'],
    last: ['Mwangi', 'Odhiambo', 'Njoroge', 'Mohamed', 'Wafula', 'Kiprono', 'Mushi', 'Onyango', 'Mutua', 'Kariuki', 'Chebet', 'Massawe', 'Ouma', 'Said', 'Mollel', 'Atieno', 'Kimaro', 'Hassan'],
  },
  hi: {
    first: ['प्रिया|priya', 'राहुल|rahul', 'अनीता|anita', 'अमित|amit', 'सुनीता|sunita', 'विकास|vikas', 'पूजा|pooja', 'संजय|sanjay', 'नेहा|neha', 'अजय|ajay', 'रीना|reena', 'मनोज|manoj', 'कविता|kavita', 'दीपक|deepak', 'आरती|aarti', 'रवि|ravi', 'सीमा|seema', 'अंकित|ankit', 'मीना|meena', 'सुरेश|suresh'],
    last: ['शर्मा|sharma', 'वर्मा|verma', 'यादव|yadav', 'सिंह|singh', 'कुमार|kumar', 'मिश्रा|mishra', 'गुप्ता|gupta', 'पांडेय|pandey', 'तिवारी|tiwari', 'चौहान|chauhan', 'मौर्य|maurya', 'रावत|rawat', 'झा|jha', 'दुबे|dubey', 'सिन्हा|sinha', 'मीणा|meena'],
  },
  de: {
    first: ['Anna', 'Lukas', 'Lena', 'Jonas', 'Sophie', 'Felix', 'Marie', 'Paul', 'Laura', 'Tim', 'Julia', 'Niklas', 'Katharina', 'Jan', 'Miriam', 'Tobias', 'Clara', 'Moritz', 'Hanna', 'Simon'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Wagner', 'Hoffmann', 'Schäfer', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann'],
  },
  ja: {
    first: ['陽菜|hina', '結衣|yui', '美咲|misaki', '葵|aoi', 'さくら|sakura', '優子|yuko', '真理子|mariko', '恵|megumi', '彩|aya', '由美|yumi', '翔太|shota', '大輔|daisuke', '健太|kenta', '拓也|takuya', '直樹|naoki', '誠|makoto', '亮|ryo', '悠人|yuto', '浩二|koji', '隆|takashi'],
    last: ['佐藤|sato', '鈴木|suzuki', '高橋|takahashi', '田中|tanaka', '伊藤|ito', '渡辺|watanabe', '山本|yamamoto', '中村|nakamura', '小林|kobayashi', '加藤|kato', '吉田|yoshida', '山田|yamada', '佐々木|sasaki', '松本|matsumoto', '井上|inoue', '木村|kimura', '林|hayashi', '清水|shimizu'],
    familyFirst: true,
  },
}

/** The name as shown, and a lower-case ASCII spelling for user names. */
export function splitName(entry: string): { shown: string, latin: string } {
  const [shown, latin] = entry.split('|')
  return { shown: shown!, latin: latin ?? asciiFold(shown!) }
}

/** Lower-case ASCII: accents dropped, anything else removed. */
export function asciiFold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '')
}

/** Words people put in their profile, per language, followed by a place. */
export const ROLES: Record<Lang, string[]> = {
  en: ['Nurse', 'Researcher', 'Journalist', 'Student', 'Humanitarian worker', 'Teacher', 'Economist', 'Volunteer', 'Midwife', 'Data nerd'],
  fr: ['Infirmière', 'Chercheur', 'Journaliste', 'Étudiante', 'Humanitaire', 'Enseignant', 'Économiste', 'Bénévole', 'Sage-femme', 'Agronome'],
  es: ['Enfermera', 'Investigador', 'Periodista', 'Estudiante', 'Cooperante', 'Docente', 'Economista', 'Voluntaria', 'Partera', 'Ambientalista'],
  pt: ['Enfermeira', 'Pesquisador', 'Jornalista', 'Estudante', 'Ativista', 'Professora', 'Economista', 'Voluntário', 'Agente de saúde', 'Bióloga'],
  ar: ['ممرضة', 'باحث', 'صحفية', 'طالب', 'عامل إغاثة', 'معلمة', 'اقتصادي', 'متطوعة', 'قابلة', 'ناشط'],
  sw: ['Muuguzi', 'Mtafiti', 'Mwandishi wa habari', 'Mwanafunzi', 'Mfanyakazi wa misaada', 'Mwalimu', 'Mchumi', 'Mjitolea', 'Mkunga', 'Mkulima'],
  hi: ['नर्स', 'शोधकर्ता', 'पत्रकार', 'छात्रा', 'सामाजिक कार्यकर्ता', 'शिक्षक', 'अर्थशास्त्री', 'स्वयंसेवक', 'आशा कार्यकर्ता', 'डॉक्टर'],
  de: ['Pflegekraft', 'Forscherin', 'Journalist', 'Studentin', 'Entwicklungshelfer', 'Lehrerin', 'Ökonom', 'Ehrenamtliche', 'Hebamme', 'Datenmensch'],
  ja: ['看護師', '研究者', '記者', '大学院生', 'NGO職員', '教員', '経済学者', 'ボランティア', '助産師', '医師'],
}

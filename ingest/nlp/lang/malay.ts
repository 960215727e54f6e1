// Indonesian and Malay are one language with two standards; n-gram models barely separate
// them (lingua, restricted to the pair, is right about 58 % of the time on web sentences).
// What does separate them is a set of spellings and words each standard fixed differently:
// bahawa/bahwa, kerana/karena, wang/uang, kerajaan/pemerintah, universiti/universitas, the
// Malaysian month and day names, place names, and Indonesian colloquial particles.

const MALAY = new Set(`
bahawa kerana iaitu mahu sahaja wang kerajaan antarabangsa kewangan syarikat jabatan kementerian
selepas semasa manakala percuma kereta hospital polis kapasiti projek baharu cuba bagaimanapun
kerjasama berbanding dijangka encik puan cik ringgit malaysia selangor johor sabah sarawak kedah
kelantan terengganu pahang melaka perlis datuk dato bhd sdn mac julai ogos disember isnin khamis
jumaat ahad sila pejabat kenderaan jentera perniagaan pelaburan pelajar tentera bomba kilang
telefon televisyen filem muzik sebarang kakitangan perlembagaan parlimen mahkamah majlis
perbandaran kuala lumpur putrajaya penang ipoh seremban melayu bumiputera boleh dah tiada nampak
faham fikir berjaya memandangkan berkenaan sememangnya
`.trim().split(/\s+/))

const INDONESIAN = new Set(`
bahwa karena yaitu mau saja uang pemerintah internasional keuangan perusahaan setelah sesudah
sedangkan gratis mobil polisi kapasitas proyek coba silakan kantor bapak ibu pak bu rp rupiah
indonesia jakarta jawa bandung surabaya bali sumatera kalimantan sulawesi papua kabupaten provinsi
kecamatan kelurahan desa dpr dprd tni polri maret juni juli agustus desember senin kamis jumat
kendaraan bisnis investasi siswa mahasiswa bandara pabrik ponsel televisi film musik karyawan
warga konstitusi pengadilan bupati walikota gubernur camat nggak gak enggak banget aja udah kok
sih dong deh gimana kayak gitu gini bikin nih tuh kalian bisa tampak paham pikir berhasil
`.trim().split(/\s+/))

const WORD = /[\p{L}\p{M}]+/gu

/**
 * Evidence for Malay (positive) or Indonesian (negative); 0 when the text uses none of the
 * words the two standards spell or choose differently.
 */
export function malayEvidence(text: string): number {
  let evidence = 0
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0]
    if (MALAY.has(word)) evidence++
    else if (INDONESIAN.has(word)) evidence--
    // Latin -itas became -iti in Malay (universiti, aktiviti, kualiti), -itas in Indonesian.
    else if (word.length > 6 && word.endsWith('iti')) evidence++
    else if (word.length > 6 && word.endsWith('itas')) evidence--
  }
  return evidence
}

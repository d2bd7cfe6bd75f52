"""Hungarian special cases and number tokens. Abbreviations keep their period (Hungarian
writes many: "pl.", "stb.", "Kr.e."), as do capital initials; "°C" is one token. A number
with its attached ending ("3,14-ben", "2003.01.06-ben", "1=(2÷3)-2/5") is matched whole by
TOKEN_MATCH before any affix splitting."""
from __future__ import annotations

import re

from ..char_classes import ALPHA_LOWER, CURRENCY
from ..tokenizer_exceptions import BASE_EXCEPTIONS, ORTH, Exceptions, merge_exceptions

# Abbreviations written with a final period, listed without it.
_DOTTED = """
AG AkH Aö B.CS B.S B.Sc B.ú.é.k BE BEK BSC BSc BTK Bat Be Bek Bfok Bk Bp Bros Bt Btk Btke
Btét CSC Cal Cg Cgf Cgt Cia Co Colo Comp Copr Corp Cos Cs Csc Csop Cstv Ctv Ctvr DR Dipl Dr
Dsz Dzs EK EU Fla Folyt Fpk Főszerk GK GM Gfv Gmk Gr Group Gt Gy HKsz Hmvh Ifj Inc Inform
Int Jr Jv K.m.f KB KER KFT KRT Kb Ker Kft Kg Kht Kkt Kong Korm Kr Kr.e Kr.u Krt LB Llc Ltd
M.A M.S M.SC M.Sc MA MH MSC MSc Mass Max Mlle Mme Mo Mr Mrs Ms Mt N.N NB NBr Nat No Nr Ny
Nyh Nyr Nyrt OJ Op P.H P.S PH.D PHD PROF Pf PhD Pk Pl Plc Pp Proc Prof Ptk RT Rer Rt S.B
SZOLG Salg Sch Spa St Sz SzRt Szerk Szfv Szjt Szolg Szt Sztv Szvt Számv TEL Tel Ty Tyr Ui Ut
VB Vcs Vhr Vht Várm X.Y Zrt Zs a.C ac adj adm ag agit alez alk all altbgy an ang arch at atc
aug b.a b.s b.sc bek belker berend biz bizt bo bp br bsc bt btk ca cc cca cf cif co corp cos
cs csc csüt cső ctv dbj dd ddr de dec dikt dipl dj dk dl dny dolg dr du dzs ea ed eff egyh
ell elv elvt em eng eny et etc ev ezr eü f.h f.é fam fb febr fej felv felügy ff ffi fhdgy
fil fiz fm foglalk ford fp fr frsz fszla fszt ft fuv főig főisk főtörm főv gazd gimn gk gkv
gmk gondn gr grav gy gyak gyártm gör hads hallg hdm hdp hds hg hiv hk hm ho honv hp hr hrsz
hsz ht htb hv hőm i.e i.sz id ie ifj ig igh ill imp inc ind inform inic int io ip ir irod
isk ism izr iá jan jav jegyz jgmk jjv jkv jogh jogt jr jvb júl jún karb kat kath kb kcs kd
ker kf kft kht kir kirend kisip kiv kk kkt klin km korm kp krt kt ktsg kult kv kve képv
kísérl kóth könyvt körz köv közj közl közp közt kü lat ld legs lg lgv loc lt ltd ltp luth
m.a m.s m.sc ma mat max mb med megh met mf mfszt min miss mjr mjv mk mlle mme mn mozg mr mrs
ms msc má máj márc mé mélt mü műh műsz műv művez nagyker nagys nat nb neg nk no nov nu ny
nyilv nyrt nyug obj okl okt old olv orsz ort ov ovh pf pg ph.d phd phil pjt pk pl plb plc
pld plur pol polg poz pp proc prof prot pság ptk pu pü r.k rac rad red ref reg rer rev rf
rkp rkt rt rtg röv s.b s.k sa sb sel sgt sm st stat stb strat stud sz szakm szaksz szakszerv
szd szds szept szerk szf szimf szjt szkv szla szn szolg szt szubj szöv szül tanm tb tbk tc
techn tek tel tf tgk ti tip tisztv titks tk tkp tny tp tszf tszk tszkv tv tvr ty törv tü ua
ui unit uo uv vas vb vegy vh vhol vhr vill vizsg vk vkf vkny vm vol vs vsz vv vál várm vízv
vö zrt zs Áe Áht Épt Ész Új-Z ÚjZ Ún ált ápr ásv ék ény érk évf össz ötk özv ú.n úm ún út
üag üd üdv üe ümk ütk üv őrgy őrpk őrv
"""
# Initials: every capital but Q, and the accented vowels that start names or stand alone
# ("a" .. "z" with a period are language-independent).
_INITIALS = [c for c in "ABCDEFGHIJKLMNOPRSTUVWXYZ"] + list("ÁÉáéíóúű")
# Kept whole without a period; "-e" is the question particle written apart ("Ezen -e").
_BARE = ["Ph.D", "ph.d", "-e"]


def _hungarian_exceptions() -> Exceptions:
    exc: Exceptions = {}
    for orth in [a + "." for a in _DOTTED.split() + _INITIALS] + _BARE:
        exc[orth] = [{ORTH: orth}]
    for unit in "cfkCFK":  # "20°C" whole; "20°C." then loses its period
        exc[f"°{unit}"] = [{ORTH: f"°{unit}"}]
        exc[f"°{unit}."] = [{ORTH: f"°{unit}"}, {ORTH: "."}]
    return exc


TOKENIZER_EXCEPTIONS: Exceptions = merge_exceptions(BASE_EXCEPTIONS, _hungarian_exceptions())


def _number_pattern() -> str:
    """A numeric token, optionally with a hyphenated lowercase ending ("-ben", "-os")."""
    number = r"[+\-]?\d+(?:[,.]\d+)*"  # "-23,12", "1.35"
    operator = r"[=<>+\-*/^()÷%²]"
    arithmetic = f"{number}(?:{operator}{number})*%?"  # "2+3", "10--12", "1,5--2,5"
    clock = r"\d+(?::\d+)*(?:\.\d+)?"  # "1:20:36.7"
    dated = r"(?:[A-Z0-9]+[./-])*\d+\.?"  # "2003.01.06.", "IV.12.", "15."
    body = "|".join(f"(?:{p})" for p in (arithmetic, clock, dated, CURRENCY))
    return f"^(?:{body})(?:-[{ALPHA_LOWER}]+)?$"


TOKEN_MATCH = re.compile(_number_pattern()).match

<?php
// Reads cloze question texts as Moodle's qtype_multianswer_extract_question does
// (question/type/multianswer/questiontype.php, Moodle 4.x) and prints, as JSON,
// each blank's stored answers and whether Moodle's short-answer grading
// (qtype_shortanswer_question::compare_string_with_wildcard) accepts the given
// responses. Written from that grammar for the tests; run by
// tests/test_interchange_moodle_cloze.py with php-cli, input as JSON on stdin:
// [{"text": "<questiontext>", "responses": ["typed 1", "typed 2"]}, ...]

$fraction = '=|%(-?[0-9]+(?:[.,][0-9]*)?)%';
$answer = '.+?(?<!\\\\|&|&amp;)(?=[~#}]|$)';
$feedback = '.*?(?<!\\\\)(?=[~}]|$)';
$alternative = '(' . $fraction . ')?(' . $answer . ')(#(' . $feedback . '))?';
$types = '(NUMERICAL|NM)|(MULTICHOICE|MC)|(MULTICHOICE_V|MCV)|(MULTICHOICE_H|MCH)|'
    . '(SHORTANSWER|SA|MW)|(SHORTANSWER_C|SAC|MWC)|(MULTICHOICE_S|MCS)|'
    . '(MULTICHOICE_VS|MCVS)|(MULTICHOICE_HS|MCHS)|(MULTIRESPONSE|MR)|(MULTIRESPONSE_H|MRH)|'
    . '(MULTIRESPONSE_S|MRS)|(MULTIRESPONSE_HS|MRHS)';
$answerregex = '\{([0-9]*):(' . $types . '):(' . $alternative . '(~' . $alternative . ')*)\}';
$alternativesgroup = 16;

function matches_wildcard($string, $pattern) {
    $bits = preg_split('/(?<!\\\\)\*+/', $pattern);
    $escaped = array();
    foreach ($bits as $bit) {
        $escaped[] = preg_quote(str_replace('\*', '*', $bit), '|');
    }
    $regex = '|^' . implode('.*', $escaped) . '$|ui';
    return preg_match($regex, trim($string)) === 1;
}

$out = array();
foreach (json_decode(stream_get_contents(STDIN), true) as $case) {
    $text = $case['text'];
    $blanks = array();
    while (preg_match('/' . $answerregex . '/s', $text, $regs)) {
        $remaining = $regs[$alternativesgroup];
        $answers = array();
        while (preg_match('/~?' . $alternative . '/s', $remaining, $alt)) {
            if ($alt[1] == '=') {
                $f = 1.0;
            } else if (isset($alt[2]) && $alt[2] !== '') {
                $f = .01 * str_replace(',', '.', $alt[2]);
            } else {
                $f = 0.0;
            }
            $a = html_entity_decode($alt[3], ENT_QUOTES, 'UTF-8');
            $a = str_replace('\#', '#', str_replace('\}', '}', $a));
            $answers[] = array('fraction' => $f, 'answer' => trim($a));
            $remaining = explode($alt[0], $remaining, 2)[1];
        }
        $blanks[] = $answers;
        $text = implode('{#' . count($blanks) . '}', explode($regs[0], $text, 2));
    }
    $grades = array();
    foreach ($blanks as $i => $answers) {
        $grade = 0.0;
        $response = isset($case['responses'][$i]) ? $case['responses'][$i] : '';
        foreach ($answers as $a) {
            if (matches_wildcard($response, $a['answer'])) {
                $grade = $a['fraction'];
                break;
            }
        }
        $grades[] = $grade;
    }
    $out[] = array('blanks' => $blanks, 'grades' => $grades, 'text' => $text);
}
echo json_encode($out, JSON_UNESCAPED_UNICODE);

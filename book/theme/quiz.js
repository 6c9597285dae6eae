// Quizzes written in plain Markdown (see CONTRIBUTING.md, "Quizzes"):
//
//     <div class="quiz">
//
//     The question, any Markdown.
//
//     - [ ] a wrong choice
//     - [x] the right choice (mark several to ask for all of them)
//
//     <details class="quiz-explanation"><summary>Explanation</summary>
//
//     Why the right choice is right, and the wrong ones wrong.
//
//     </details>
//     </div>
//
// Each choice becomes a button. Answering marks every choice right or wrong, says so,
// and opens the explanation; "Try again" starts over. The task-list boxes that mark the
// answer are removed here and hidden by CSS, so nobody sees the answer before answering.
(function () {
    'use strict';

    const wb = (window.workbook = window.workbook || {});

    function choicesList(quiz) {
        return Array.from(quiz.querySelectorAll(':scope > ul')).find((list) =>
            list.querySelector(':scope > li > input[type="checkbox"]'));
    }

    /** Turns one `.quiz` block into buttons; remembers the answer on the element. */
    function enhance(quiz, index) {
        const list = choicesList(quiz);
        if (!list || quiz.dataset.answer !== undefined) {
            return;
        }
        const answer = [];
        Array.from(list.children).forEach((item, position) => {
            const box = item.querySelector(':scope > input[type="checkbox"]');
            if (box && box.checked) {
                answer.push(position);
            }
            if (box) {
                box.remove();
            }
            const button = document.createElement('button');
            button.type = 'button';
            button.className = 'quiz-choice';
            button.dataset.choice = String(position);
            button.append(...item.childNodes);
            item.appendChild(button);
        });
        list.classList.add('quiz-choices');
        quiz.dataset.quiz = String(index);
        quiz.dataset.answer = answer.join(',');
        quiz.classList.toggle('quiz-multiple', answer.length > 1);
        const verdict = document.createElement('p');
        verdict.className = 'quiz-verdict';
        verdict.setAttribute('aria-live', 'polite');
        list.after(verdict);
        const actions = document.createElement('p');
        actions.className = 'quiz-actions';
        actions.innerHTML =
            (answer.length > 1 ? '<button type="button" class="quiz-check">Check</button> ' : '') +
            '<button type="button" class="quiz-retry">Try again</button>';
        verdict.after(actions);
        if (answer.length > 1) {
            verdict.textContent = `Pick all ${answer.length} that apply, then check.`;
        }
    }

    function correctSet(quiz) {
        return new Set(quiz.dataset.answer.split(',').filter((s) => s !== '').map(Number));
    }

    function chosen(quiz) {
        return Array.from(quiz.querySelectorAll('.quiz-choice.chosen')).map((b) => Number(b.dataset.choice));
    }

    function letter(position) {
        return String.fromCharCode(65 + position);
    }

    /** Marks `quiz` as answered with the choices `picked`. */
    function judge(quiz, picked) {
        const correct = correctSet(quiz);
        const right = picked.length === correct.size && picked.every((p) => correct.has(p));
        for (const button of quiz.querySelectorAll('.quiz-choice')) {
            const position = Number(button.dataset.choice);
            button.classList.toggle('chosen', picked.includes(position));
            button.classList.toggle('correct', correct.has(position));
            button.classList.toggle('wrong', picked.includes(position) && !correct.has(position));
            button.setAttribute('aria-pressed', String(picked.includes(position)));
        }
        quiz.classList.add('answered');
        quiz.classList.toggle('quiz-right', right);
        quiz.classList.toggle('quiz-wrong', !right);
        const answer = Array.from(correct).map(letter).join(' and ');
        quiz.querySelector('.quiz-verdict').textContent = right
            ? 'Right.'
            : `Not quite: the answer is ${answer}.`;
        const explanation = quiz.querySelector('.quiz-explanation');
        if (explanation) {
            explanation.open = true;
        }
    }

    function reset(quiz) {
        for (const button of quiz.querySelectorAll('.quiz-choice')) {
            button.classList.remove('chosen', 'correct', 'wrong');
            button.removeAttribute('aria-pressed');
        }
        quiz.classList.remove('answered', 'quiz-right', 'quiz-wrong');
        const many = correctSet(quiz).size;
        quiz.querySelector('.quiz-verdict').textContent =
            many > 1 ? `Pick all ${many} that apply, then check.` : '';
        const explanation = quiz.querySelector('.quiz-explanation');
        if (explanation) {
            explanation.open = false;
        }
    }

    /** The same quiz on the page and on a slide copy stay in the same state. */
    function twins(quiz) {
        return Array.from(document.querySelectorAll(`.quiz[data-quiz="${quiz.dataset.quiz}"]`));
    }

    function onClick(event) {
        const target = event.target.closest('.quiz-choice, .quiz-check, .quiz-retry');
        const quiz = target && target.closest('.quiz[data-answer]');
        if (!quiz) {
            return;
        }
        event.preventDefault();
        if (target.classList.contains('quiz-retry')) {
            twins(quiz).forEach(reset);
        } else if (target.classList.contains('quiz-check')) {
            const picked = chosen(quiz);
            twins(quiz).forEach((twin) => judge(twin, picked));
        } else if (quiz.classList.contains('answered')) {
            return;
        } else if (quiz.classList.contains('quiz-multiple')) {
            target.classList.toggle('chosen');
            const picked = chosen(quiz);
            twins(quiz).forEach((twin) => {
                for (const button of twin.querySelectorAll('.quiz-choice')) {
                    button.classList.toggle('chosen', picked.includes(Number(button.dataset.choice)));
                }
            });
        } else {
            const picked = [Number(target.dataset.choice)];
            twins(quiz).forEach((twin) => judge(twin, picked));
        }
        document.dispatchEvent(new CustomEvent('workbook:quiz', { detail: { quiz: quiz.dataset.quiz } }));
    }

    wb.quiz = {
        /** Quizzes copied onto a slide need nothing more: clicks are delegated. */
        adopt: () => {},
        judge,
        reset,
    };

    document.querySelectorAll('#mdbook-content main .quiz').forEach(enhance);
    document.addEventListener('click', onClick);
})();
